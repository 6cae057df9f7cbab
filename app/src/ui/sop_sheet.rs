//! The SOP sheet in the Permenpan-RB layout: the steps as rows, the five actors as columns with
//! the flow drawn between them, and the mutu baku columns (kelengkapan, waktu, output). It is
//! generated from the workflow definition and the standards as they stand, so it changes when
//! they change. Print-ready (A4 landscape).

use crate::api;
use crate::domain::standard::{step_actor, StepStandard, SHEET_ACTORS};
use crate::text;
use crate::ui::components::guarded;
use crate::ui::print::{LetterheadView, PrintButton};
use leptos::prelude::*;

/// Drawing units of one row's flow: five lanes of 100 across, 64 down.
const LANE: f64 = 100.0;
const ROW_H: f64 = 64.0;

fn lane_x(step: u8) -> f64 {
    let lane = step_actor(step)
        .and_then(|r| SHEET_ACTORS.iter().position(|a| *a == r))
        .unwrap_or(0);
    lane as f64 * LANE + LANE / 2.0
}

/// One row of the flow: the connector from the previous step's lane, and this step's symbol
/// (terminator for the first and the last, decision for verification, process otherwise).
#[component]
fn FlowCell(step: u8) -> impl IntoView {
    let x = lane_x(step);
    let width = LANE * SHEET_ACTORS.len() as f64;
    let (top, bottom) = (14.0, 50.0);
    let incoming = (step > 1).then(|| {
        let px = lane_x(step - 1);
        view! { <path class="flow-line" d=format!("M{px} 0 V7 H{x} V{top}") marker-end=format!("url(#arrow-{step})")/> }
    });
    let outgoing = (step < 9).then(|| view! { <path class="flow-line" d=format!("M{x} {bottom} V{ROW_H}")/> });
    let mid = (top + bottom) / 2.0;
    let symbol = match step {
        1 | 9 => view! { <rect class="flow-box" x=x - 38.0 y=top width="76" height=bottom - top rx="18"/> }.into_any(),
        7 => view! {
            <polygon class="flow-box" points=format!("{x},{top} {},{mid} {x},{bottom} {},{mid}", x + 40.0, x - 40.0)/>
            // The return for revision goes back up to the Sekretaris (step 6).
            <path class="flow-line" d=format!("M{} {mid} H{} V0", x + 40.0, lane_x(6) + 20.0) marker-end=format!("url(#arrow-{step})")/>
            // Exempt information ends here ("Dikecualikan, tidak dipublikasikan").
            <path class="flow-line" d=format!("M{} {mid} H{}", x - 40.0, x - 58.0) marker-end=format!("url(#arrow-{step})")/>
            <rect class="flow-box" x=x - 92.0 y=mid - 9.0 width="34" height="18" rx="9">
                <title>{text::exempt_state()}</title>
            </rect>
        }
        .into_any(),
        _ => view! { <rect class="flow-box" x=x - 34.0 y=top width="68" height=bottom - top/> }.into_any(),
    };
    // Words are laid over the drawing as HTML, so that stretching the row never distorts them;
    // the lane's class places them (no inline style: the CSP allows only Warta's stylesheet).
    let lane = (x / LANE) as usize;
    let label = match step {
        1 => Some((text::sop_start(), format!("flow-text lane-{lane}"))),
        9 => Some((text::sop_end(), format!("flow-text lane-{lane}"))),
        7 => Some((text::sop_no_branch(), format!("flow-text branch lane-{lane}"))),
        _ => None,
    };
    view! {
        <svg class="flow" viewBox=format!("0 0 {width} {ROW_H}") preserveAspectRatio="none" role="img"
            aria-label=format!("{} {step}", text::sop_no())>
            <defs>
                <marker id=format!("arrow-{step}") viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                    <path d="M0 0 L10 5 L0 10 z" class="flow-arrow"/>
                </marker>
            </defs>
            {incoming}
            {symbol}
            {outgoing}
        </svg>
        {label.map(|(words, class)| view! { <span class=class>{words}</span> })}
    }
}

#[component]
fn Sheet(standards: Vec<StepStandard>) -> impl IntoView {
    // On a narrow screen the sheet keeps its printed layout and scrolls sideways inside its frame.
    view! {
        <div class="sheet-scroll">
        <table class="sop-sheet" data-testid="sop-sheet">
            <thead>
                <tr>
                    <th rowspan="2" class="no">{text::sop_no()}</th>
                    <th rowspan="2" class="activity">{text::sop_activity()}</th>
                    <th colspan="5">{text::sop_actors()}</th>
                    <th colspan="3">{text::sop_standard()}</th>
                    <th rowspan="2" class="note">{text::sop_note()}</th>
                </tr>
                <tr>
                    {SHEET_ACTORS.iter().map(|r| view! { <th class="actor">{r.label()}</th> }).collect_view()}
                    <th class="std">{text::sop_kelengkapan()}</th>
                    <th class="std">{text::sop_time()}</th>
                    <th class="std">{text::sop_output()}</th>
                </tr>
            </thead>
            <tbody>
                {standards.into_iter().map(|s| {
                    let step = s.step;
                    let activity = text::sop_activities().get(usize::from(step) - 1).copied().unwrap_or("-");
                    view! {
                        <tr data-step=step>
                            <td class="no">{step}</td>
                            <td class="activity">{activity}</td>
                            <td colspan="5" class="lanes"><FlowCell step/></td>
                            <td>{s.kelengkapan.join(", ")}</td>
                            <td data-testid="sop-time">{text::target_text(s.target)}</td>
                            <td>{s.output.clone()}</td>
                            <td class="note">{if step == 7 {
                                view! { {text::sop_return_note()}<br/><span data-testid="sop-exempt">{text::sop_exempt_note()}</span> }.into_any()
                            } else { "-".into_any() }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
pub fn SopSheetPage() -> impl IntoView {
    // The standards in force, as the administrator set them.
    let settings = Resource::new(|| (), |_| api::office_settings());
    view! {
        <div class="print-page landscape">
            <Transition fallback=|| view! { <p class="muted">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    guarded(settings.await, |v| {
                        let s = v.settings;
                        let note = text::sop_time_note(s.shares.sangat_segera, s.shares.serta_merta);
                        view! {
                            <LetterheadView letterhead=s.letterhead.clone()/>
                            <div class="sheet-head">
                                <h1>{text::sop_title()}</h1>
                                <PrintButton/>
                            </div>
                            <Sheet standards=s.standards/>
                            <p class="muted small">{note}</p>
                        }
                        .into_any()
                    })
                })}
            </Transition>
        </div>
    }
}
