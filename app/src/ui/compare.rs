//! Comparing two texts of the material. Versions, for the corrector and the verifier: every field
//! that changed (the register's included) and the body as a reader sees it, its changed blocks
//! marked. The two texts of a refused save, for the editor: line by line.

use crate::domain::register::InfoForm;
use crate::domain::time::format_iso_date;
use crate::domain::{Channel, DraftForm, KipCategory};
use crate::rich_text::{to_html, to_markdown, Block};
use crate::text;
use crate::views::{DiffLine, VersionView};
use leptos::prelude::*;

/// Every field of the material besides its body, by label, as a reader sees it.
fn fields(d: &DraftForm) -> Vec<(&'static str, String)> {
    let channels: Vec<&str> = d
        .channels
        .iter()
        .map(|c| Channel::parse(c).map_or(c.as_str(), |c| c.label()))
        .collect();
    let kip = KipCategory::parse(&d.kip_category).map_or(d.kip_category.as_str(), |k| k.label());
    let form = InfoForm::parse(&d.register.form).map_or(d.register.form.as_str(), |f| f.label());
    vec![
        (text::F_TITLE, d.title.clone()),
        (text::F_SUMMARY, d.summary.clone()),
        (text::F_ACTIVITY_NAME, d.activity_name.clone()),
        (text::F_ACTIVITY_DATE, format_iso_date(&d.activity_date)),
        (text::F_ACTIVITY_PLACE, d.activity_place.clone()),
        (text::F_CHANNELS, channels.join(", ")),
        (text::F_KIP, kip.to_string()),
        (text::F_UNIT, d.register.unit.clone()),
        (text::F_RESPONSIBLE, d.register.responsible.clone()),
        (text::F_FORM, form.to_string()),
        (text::F_RETENTION, d.register.retention.clone()),
        (text::F_CONSEQUENCE, d.register.consequence_test.clone()),
    ]
}

/// Two versions side by side in one text: the fields that changed, then the body with what was
/// removed struck through and what was added marked.
#[component]
pub fn Comparison(old: VersionView, new: VersionView) -> impl IntoView {
    let changed: Vec<(&'static str, String, String)> = fields(&old.draft.to_form())
        .into_iter()
        .zip(fields(&new.draft.to_form()))
        .filter(|(a, b)| a.1 != b.1)
        .map(|((label, a), (_, b))| (label, a, b))
        .collect();
    let key =
        |blocks: &[Block]| -> Vec<String> { blocks.iter().map(|b| to_markdown(std::slice::from_ref(b))).collect() };
    let (a, b) = (key(&old.body), key(&new.body));
    let mut parts: Vec<(&'static str, String)> = vec![];
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
        let (tag, before, after) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => parts.push(("same", to_html(&old.body[before]))),
            similar::DiffTag::Delete => parts.push(("removed", to_html(&old.body[before]))),
            similar::DiffTag::Insert => parts.push(("added", to_html(&new.body[after]))),
            similar::DiffTag::Replace => {
                parts.push(("removed", to_html(&old.body[before])));
                parts.push(("added", to_html(&new.body[after])));
            }
        }
    }
    let body_same = a == b;
    view! {
        <div class="comparison" data-testid="diff">
            {if changed.is_empty() {
                view! { <p class="muted">{text::COMPARE_NO_FIELDS}</p> }.into_any()
            } else {
                view! {
                    <table class="field-diff" data-testid="field-diff">
                        <thead><tr><th>{text::COMPARE_FIELD}</th><th>{text::COMPARE_BEFORE}</th><th>{text::COMPARE_AFTER}</th></tr></thead>
                        <tbody>
                            {changed.into_iter().map(|(label, a, b)| view! {
                                <tr><th>{label}</th><td><del>{a}</del></td><td><ins>{b}</ins></td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {body_same.then(|| view! { <p class="muted">{text::COMPARE_BODY_SAME}</p> })}
            <div class="body-diff" data-testid="body-diff">
                {parts.into_iter().map(|(class, html)| {
                    let said = match class {
                        "removed" => Some(text::COMPARE_REMOVED),
                        "added" => Some(text::COMPARE_ADDED),
                        _ => None,
                    };
                    view! {
                        <div class=format!("diff-block {class}") data-diff=class>
                            {said.map(|s| view! { <span class="diff-said">{s}</span> })}
                            <div class="markdown" inner_html=html></div>
                        </div>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}

/// The material as lines of text, for the two texts of a refused save.
pub(crate) fn form_text(d: &DraftForm) -> String {
    let mut out: String = fields(d)
        .into_iter()
        .map(|(label, value)| format!("{label}: {value}\n"))
        .collect();
    out.push('\n');
    out.push_str(&d.body);
    out
}

/// Line differences as the `<pre class="diff">` shows them.
pub(crate) fn diff_view(lines: Vec<DiffLine>) -> impl IntoView {
    lines
        .into_iter()
        .map(|l| match l {
            DiffLine::Same(s) => view! { <span class="same">"  "{s}"\n"</span> }.into_any(),
            DiffLine::Added(s) => view! { <ins>"+ "{s}"\n"</ins> }.into_any(),
            DiffLine::Removed(s) => view! { <del>"- "{s}"\n"</del> }.into_any(),
        })
        .collect_view()
}

/// Line differences between two texts.
pub(crate) fn diff_text(a: &str, b: &str) -> Vec<DiffLine> {
    similar::TextDiff::from_lines(a, b)
        .iter_all_changes()
        .map(|c| {
            let line = c.value().trim_end_matches('\n').to_string();
            match c.tag() {
                similar::ChangeTag::Equal => DiffLine::Same(line),
                similar::ChangeTag::Insert => DiffLine::Added(line),
                similar::ChangeTag::Delete => DiffLine::Removed(line),
            }
        })
        .collect()
}
