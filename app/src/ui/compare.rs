//! Comparing two texts of the material, on the server (the browser's script carries no diff).
//! Versions, for the corrector and the verifier: every field that changed (the register's
//! included) and the body as a reader sees it, its changed blocks marked. The two texts of a
//! refused save, for the editor: line by line (`DraftClash`).

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
        (text::f_title(), d.title.clone()),
        (text::f_summary(), d.summary.clone()),
        (text::f_activity_name(), d.activity_name.clone()),
        (text::f_activity_date(), format_iso_date(&d.activity_date)),
        (text::f_activity_place(), d.activity_place.clone()),
        (text::f_channels(), channels.join(", ")),
        (text::f_kip(), kip.to_string()),
        (text::f_unit(), d.register.unit.clone()),
        (text::f_responsible(), d.register.responsible.clone()),
        (text::f_form(), form.to_string()),
        (text::f_retention(), d.register.retention.clone()),
        (text::f_consequence(), d.register.consequence_test.clone()),
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
                view! { <p class="muted">{text::compare_no_fields()}</p> }.into_any()
            } else {
                view! {
                    <table class="field-diff" data-testid="field-diff">
                        <thead><tr><th>{text::compare_field()}</th><th>{text::compare_before()}</th><th>{text::compare_after()}</th></tr></thead>
                        <tbody>
                            {changed.into_iter().map(|(label, a, b)| view! {
                                <tr><th>{label}</th><td><del>{a}</del></td><td><ins>{b}</ins></td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {body_same.then(|| view! { <p class="muted">{text::compare_body_same()}</p> })}
            <div class="body-diff" data-testid="body-diff">
                {parts.into_iter().map(|(class, html)| {
                    let said = match class {
                        "removed" => Some(text::compare_removed()),
                        "added" => Some(text::compare_added()),
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
pub fn form_text(d: &DraftForm) -> String {
    let mut out: String = fields(d)
        .into_iter()
        .map(|(label, value)| format!("{label}: {value}\n"))
        .collect();
    out.push('\n');
    out.push_str(&d.body);
    out
}

/// Line differences between two texts.
pub fn diff_text(a: &str, b: &str) -> Vec<DiffLine> {
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
