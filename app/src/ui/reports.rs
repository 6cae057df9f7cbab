//! Laporan: a period's figures for the head of the PPID, the chart of time per step (SVG drawn
//! here), and downloads of every table as XLSX and CSV.

use crate::api;
use crate::domain::report::{Report, StepFigures};
use crate::domain::table::{format_decimal, Cell, Table};
use crate::domain::time::format_date;
use crate::text;
use crate::ui::components::guarded;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Drawn on the server: the period is a plain form that asks for the page again (with the page's
/// script, in place: `ui::regions`).
#[component]
pub fn ReportsPage() -> impl IntoView {
    let (from, to) =
        use_query_map().with_untracked(|q| (q.get("dari").unwrap_or_default(), q.get("sampai").unwrap_or_default()));
    let report = {
        let (from, to) = (from.clone(), to.clone());
        Resource::new(|| (), move |_| api::load_report(from.clone(), to.clone()))
    };
    view! {
        <h1>{text::report_title()}</h1>
        <p class="muted">{text::report_intro()}</p>
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || {
                let (from, to) = (from.clone(), to.clone());
                Suspend::new(async move {
                    let report = report.await;
                    // The inputs show the period the server actually used (this year by default).
                    let (from, to) = match &report {
                        Ok(r) => (r.period.from.format("%Y-%m-%d").to_string(), r.period.to.format("%Y-%m-%d").to_string()),
                        Err(_) => (from, to),
                    };
                    view! {
                        <form class="filters card no-print" method="get" action="/laporan" data-filter="">
                            <label>{text::report_from()}<input type="date" name="dari" value=from/></label>
                            <label>{text::report_to()}<input type="date" name="sampai" value=to/></label>
                            <button type="submit" class="primary">{text::report_show()}</button>
                            <a class="link" href="/laporan/sop">{text::sop_sheet()}</a>
                        </form>
                        <div id="report-view" data-region=crate::ui::regions::LISTS>
                            {guarded(report, |r| view! { <ReportView r/> }.into_any())}
                        </div>
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ReportView(r: Report) -> impl IntoView {
    let q = format!(
        "dari={}&sampai={}",
        r.period.from.format("%Y-%m-%d"),
        r.period.to.format("%Y-%m-%d")
    );
    let bottleneck = r
        .bottleneck
        .map(text::step_name)
        .unwrap_or_else(|| text::none_late().to_string());
    let tables = crate::report_tables::tables(&r);
    view! {
        <section class="card" data-testid="report">
            <h2>{format!("{} – {}", format_date(r.period.from), format_date(r.period.to))}</h2>
            <div class="figures">
                <div class="figure"><span class="num" data-testid="report-started">{r.started}</span><span>{text::report_started()}</span></div>
                <div class="figure"><span class="num" data-testid="report-finished">{r.finished}</span><span>{text::report_finished()}</span></div>
                <div class="figure"><span class="num">{r.cancelled}</span><span>{text::report_cancelled()}</span></div>
                <div class="figure" data-testid="report-exempt"><span class="num">{r.exempt}</span><span>{text::report_exempt()}</span></div>
                <div class="figure wide"><span class="num small-num" data-testid="report-bottleneck">{bottleneck}</span><span>{text::report_bottleneck()}</span></div>
            </div>
            <a class="button primary no-print" href=format!("/laporan/ekspor?{q}&format=xlsx") download>{text::export_xlsx()}</a>
        </section>
        <section class="card">
            <h2>{text::report_chart()}</h2>
            <StepChart steps=r.steps.clone()/>
        </section>
        {tables.into_iter().skip(1).map(|t| view! { <TableView t q=q.clone()/> }).collect_view()}
        <p class="muted small">{text::report_step1_note()}</p>
    }
}

#[component]
fn TableView(t: Table, q: String) -> impl IntoView {
    view! {
        <section class="card" data-testid=format!("table-{}", t.key)>
            <div class="sheet-head">
                <h2>{t.title.clone()}</h2>
                <a class="no-print" href=format!("/laporan/ekspor?{q}&format=csv&tabel={}", t.key) download>{text::export_csv()}</a>
            </div>
            <table class="items report-table">
                <thead><tr>{t.columns.iter().map(|c| view! { <th>{*c}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {t.rows.iter().map(|row| view! {
                        <tr>{row.iter().zip(t.columns.iter()).map(|(c, label)| {
                            let v = c.display();
                            let num = matches!(c, Cell::Int(_) | Cell::Hours(_) | Cell::Percent(_) | Cell::Empty);
                            view! { <td class:num=num data-label=*label>{if v.is_empty() { "-".to_string() } else { v }}</td> }
                        }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Horizontal bars per step: the median, a thinner bar to the 90th percentile, and the target
/// as a vertical mark. Scaled to the largest of them.
#[component]
fn StepChart(steps: Vec<StepFigures>) -> impl IntoView {
    const LABEL_W: f64 = 190.0;
    const BAR_W: f64 = 480.0;
    const ROW: f64 = 30.0;
    let max = steps
        .iter()
        .flat_map(|s| [s.p90, s.target, s.median])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let x = move |secs: i64| LABEL_W + secs as f64 / max * BAR_W;
    let height = ROW * steps.len() as f64 + 30.0;
    let hours = |secs: i64| format_decimal(secs as f64 / 3600.0);
    // On a phone the chart keeps a readable size and scrolls sideways inside its frame.
    view! {
        <div class="chart-scroll">
        <svg class="chart" data-testid="step-chart" viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 140.0) role="img"
            aria-label=text::report_chart()>
            {steps.iter().enumerate().map(|(i, s)| {
                let y = i as f64 * ROW + 6.0;
                let late = s.count > 0 && s.median > s.target;
                view! {
                    <g class="chart-row" data-step=s.step>
                        <text x="0" y=y + 14.0 class="chart-label">{text::step_name(s.step)}</text>
                        <rect class="chart-p90" x=LABEL_W y=y + 11.0 width=x(s.p90) - LABEL_W height="6"/>
                        <rect class="chart-median" class:late=late x=LABEL_W y=y + 4.0 width=x(s.median) - LABEL_W height="20"/>
                        {(s.count > 0).then(|| view! { <line class="chart-target" x1=x(s.target) x2=x(s.target) y1=y y2=y + 28.0/> })}
                        <text x=x(s.p90.max(s.median).max(s.target)) + 6.0 y=y + 18.0 class="chart-value">
                            {if s.count > 0 { format!("{} / {} jam", hours(s.median), hours(s.p90)) } else { "-".to_string() }}
                        </text>
                    </g>
                }
            }).collect_view()}
            <g class="chart-legend" transform=format!("translate({LABEL_W} {})", height - 12.0)>
                <rect class="chart-median" x="0" y="-9" width="14" height="10"/>
                <text x="18" y="0">{text::report_legend_median()}</text>
                <rect class="chart-p90" x="100" y="-6" width="14" height="5"/>
                <text x="118" y="0">{text::report_legend_p90()}</text>
                <line class="chart-target" x1="230" x2="230" y1="-10" y2="2"/>
                <text x="236" y="0">{text::report_legend_target()}</text>
            </g>
        </svg>
        </div>
    }
}
