//! Every user-facing sentence of Warta, through one mechanism: leptos_i18n, with the sentences
//! in `app/locales/id.json` (Bahasa Indonesia, the default) and `app/locales/en.json`. The build
//! fails when a key or a placeholder is in one locale and not the other (`app/build.rs`).
//!
//! The functions here pick the sentence in the locale of the current request (on the server) or
//! of the page (in the browser): see [`locale`].

use crate::domain::{ActionKind, Channel, FieldError, Problem, Refusal, State};
use crate::error::{AppError, Outdated};
use crate::i18n::td_string;
pub use crate::i18n::Locale;

pub const APP_NAME: &str = "Warta";
/// The login page's query: the page to return to, and whether a session just ended.
pub const NEXT_PARAM: &str = "lanjut";
pub const ENDED_PARAM: &str = "sesi_berakhir";
/// After a plain post of the settings form (or of a year's holidays) that saved.
pub const SAVED_PARAM: &str = "tersimpan";
pub const SAVED_HOLIDAYS_PARAM: &str = "libur_tersimpan";
/// The cookie that remembers a visitor's (or a signed-in user's) locale.
pub const LOCALE_COOKIE: &str = "warta_bahasa";

/// The locale's code, as in `<html lang>` and the locale cookie.
pub fn locale_code(l: Locale) -> &'static str {
    match l {
        Locale::id => "id",
        Locale::en => "en",
    }
}

/// A locale from its code; anything else is not a locale Warta speaks.
pub fn parse_locale(code: &str) -> Option<Locale> {
    match code.trim() {
        "id" => Some(Locale::id),
        "en" => Some(Locale::en),
        _ => None,
    }
}

/// The other locale (for the switch link).
pub fn other_locale(l: Locale) -> Locale {
    match l {
        Locale::id => Locale::en,
        Locale::en => Locale::id,
    }
}

#[cfg(feature = "ssr")]
tokio::task_local! {
    /// The locale of the request being answered (set by the server's locale layer).
    pub static REQUEST_LOCALE: Locale;
}

/// The page's locale in the browser (English or not), read once from `<html lang>` before the page
/// hydrates: one byte every sentence looks at, nothing more (the WASM budget, BENCHMARKS.md).
#[cfg(feature = "hydrate")]
static PAGE_IN_ENGLISH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Reads the page's locale from `<html lang>` (the server wrote it in the request's locale).
#[cfg(feature = "hydrate")]
pub fn read_page_locale() {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    let english = lang.as_deref().and_then(parse_locale) == Some(Locale::en);
    PAGE_IN_ENGLISH.store(english, std::sync::atomic::Ordering::Relaxed);
}

/// The locale to speak now. In the browser: the page's. On the server: the one provided to the
/// page being rendered, else the one of the request being answered; Bahasa Indonesia when none is
/// known.
#[cfg(feature = "hydrate")]
#[inline]
pub fn locale() -> Locale {
    if PAGE_IN_ENGLISH.load(std::sync::atomic::Ordering::Relaxed) {
        Locale::en
    } else {
        Locale::id
    }
}

/// The locale to speak now. In the browser: the page's. On the server: the one provided to the
/// page being rendered, else the one of the request being answered; Bahasa Indonesia when none is
/// known.
#[cfg(not(feature = "hydrate"))]
pub fn locale() -> Locale {
    if let Some(l) = leptos::prelude::use_context::<Locale>() {
        return l;
    }
    #[cfg(feature = "ssr")]
    if let Ok(l) = REQUEST_LOCALE.try_with(|l| *l) {
        return l;
    }
    Locale::default()
}

/// One function per sentence without placeholders, named as its key.
macro_rules! texts {
    ($($key:ident),* $(,)?) => {
        $(
            pub fn $key() -> &'static str {
                // Both sentences are constants: what is left is choosing one of two.
                match locale() {
                    Locale::id => td_string!(Locale::id, $key),
                    Locale::en => td_string!(Locale::en, $key),
                }
            }
        )*
    };
}

texts!(
    app_tagline,
    login_title,
    session_ended,
    username,
    password,
    login_button,
    logout_button,
    login_failed,
    not_logged_in,
    forbidden,
    not_found,
    internal,
    account_inactive,
    nav_tasks,
    nav_all,
    nav_new,
    nav_admin,
    loading,
    live_connecting,
    live_on,
    live_off,
    notifications,
    dashboard,
    pipeline,
    exempt_state,
    classify_exempt,
    classify_exempt_hint,
    workload,
    col_staff,
    col_drafting,
    col_publishing,
    late,
    nothing_here,
    step_clock_hint,
    over_target,
    sop_sheet,
    sop_title,
    sop_no,
    sop_activity,
    sop_actors,
    sop_standard,
    sop_kelengkapan,
    sop_time,
    sop_output,
    sop_note,
    sop_start,
    sop_end,
    sop_no_branch,
    sop_return_note,
    sop_exempt_note,
    sop_print,
    f_checklist,
    checklist_done,
    no_notifications,
    mark_all_read,
    no_tasks,
    no_items,
    search_title,
    filter_step,
    all_steps,
    col_agenda,
    col_title,
    col_step,
    col_age,
    col_urgency,
    col_deadline,
    back_to_list,
    page_not_found,
    section_steps,
    section_disposition,
    section_material,
    section_versions,
    section_timeline,
    section_actions,
    section_publications,
    no_material,
    compare,
    compare_with,
    compare_field,
    compare_before,
    compare_after,
    compare_no_fields,
    compare_body_same,
    compare_removed,
    compare_added,
    read_receipt,
    f_reason,
    f_consequence_test,
    f_note,
    f_staff,
    save_draft,
    saved,
    saving,
    unsaved_changes,
    draft_changed_elsewhere,
    clash_heading,
    clash_mine,
    clash_theirs,
    clash_diff,
    clash_keep_mine,
    clash_take_theirs,
    clash_help,
    edit,
    editor_placeholder,
    editor_toolbar,
    editor_bold,
    editor_italic,
    editor_heading,
    editor_heading_face,
    editor_bullets_face,
    editor_numbers_face,
    editor_subheading,
    editor_bullets,
    editor_numbers,
    editor_quote,
    editor_link,
    editor_link_prompt,
    editor_link_refused,
    cancel_item,
    return_to_staff,
    returned_by,
    asked_now,
    waiting_for,
    cancel_form,
    yes,
    no,
    unsaved_kept,
    f_agenda,
    f_date,
    f_from,
    f_to,
    f_perihal,
    f_activity_date,
    f_activity_place,
    f_urgency,
    f_confidential,
    f_instructions,
    f_disposition_note,
    f_deadline,
    f_signed,
    f_title,
    f_summary,
    f_body,
    f_body_plain,
    f_activity_name,
    f_channels,
    f_kip,
    admin_users,
    admin_new_user,
    admin_backup,
    admin_backup_help,
    admin_backup_download,
    admin_open,
    admin_open_help,
    admin_open_none,
    confidential_title_hidden,
    cancelled,
    f_name,
    f_nip,
    f_position,
    f_roles,
    f_active,
    save,
    reset_password,
    new_password,
    deactivate,
    activate,
    user_saved,
    settings_unit,
    links_help,
    link_not_yet,
    save_link,
    password_change_required,
    password_title,
    password_help,
    password_current,
    password_new,
    password_repeat,
    password_mismatch,
    password_changed,
    password_submit,
    nav_password,
    password_weak,
    password_wrong,
    nav_settings,
    settings_title,
    settings_intro,
    settings_calendar,
    settings_zone,
    settings_days,
    settings_opens,
    settings_closes,
    settings_standards,
    settings_unit_hours,
    settings_unit_days,
    settings_kelengkapan_hint,
    settings_shares,
    settings_sangat_segera,
    settings_serta_merta,
    settings_letterhead,
    settings_government,
    settings_office,
    settings_address,
    settings_logo,
    settings_logo_unsaved,
    settings_logo_remove,
    settings_save,
    settings_saved,
    settings_changed_elsewhere,
    holidays,
    holidays_year,
    holidays_hint,
    holidays_save,
    holidays_saved,
    print_disposition_title,
    print_record_title,
    print_activity,
    print_final_material,
    print_when,
    print_who,
    print_action,
    print_note,
    print_link_disposition,
    print_link_record,
    nav_reports,
    report_title,
    report_intro,
    report_from,
    report_to,
    report_show,
    report_started,
    report_finished,
    report_cancelled,
    report_exempt,
    report_bottleneck,
    none_late,
    report_summary,
    report_steps,
    report_people,
    report_channels,
    report_kip,
    report_chart,
    report_legend_median,
    report_legend_p90,
    report_legend_target,
    export_xlsx,
    export_csv,
    report_step1_note,
    f_unit,
    f_responsible,
    f_form,
    f_retention,
    f_consequence,
    f_dip_no,
    f_dip_format,
    section_register,
    choose,
    serta_merta,
    portal_info,
    portal_description,
    portal_dip_description,
    portal_feed,
    portal_footer,
    portal_search,
    portal_search_hint,
    portal_search_button,
    portal_all,
    portal_pages,
    portal_prev,
    portal_next,
    portal_published,
    portal_links,
    dashboard_publishing,
    media_drop,
    media_sending,
    media_waiting,
    media_done,
    media_refused,
    media_choose_first,
    channel_text_copy,
    channel_text_copied,
    channel_text_copy_failed,
    channel_alerts,
    channel_alerts_fix,
    task_short_scheduled,
    task_short_queued,
    task_short_sending,
    task_short_done,
    task_short_uncertain,
    task_short_failed,
    task_short_stopped,
    task_short_manual,
    task_short_cancelled,
    portal_photos,
    portal_documents,
    portal_download,
    portal_not_found,
    portal_error_title,
    portal_back,
    portal_bad_category,
    portal_bad_year,
    portal_bad_page,
    nav_register,
    register_title,
    register_intro,
    register_status_label,
    register_in_process,
    register_exempt,
    register_published,
    register_search,
    register_filter,
    berkala_due,
    storage_full,
    form_expired,
    cross_site,
    account_locked,
    not_json,
    storage_failed,
    health_storage_failed,
    health_disk_low,
    exempt_not_published,
    form_key_invalid,
    transport,
    offline_title,
    offline_body,
    offline_retry,
    offline_copy,
    update_ready,
    update_reload,
    manifest_name,
    manifest_description,
    manifest_tasks,
    manifest_new,
    push_service_unknown,
    push_keys_invalid,
    media_type_refused,
    section_media,
    nav_channels,
    channels_help,
    channels_no_key,
    channel_manual_only,
    channel_not_connected,
    channel_connected,
    channel_reconnect,
    channel_expiring,
    channel_expired,
    channel_save,
    channel_remove,
    f_channel_endpoint,
    f_channel_account,
    f_channel_credential,
    f_channel_category,
    f_channel_expires,
    f_account_facebook,
    f_account_instagram,
    f_account_x,
    f_credential_token,
    f_credential_webhook,
    channel_photos_public,
    channel_texts_title,
    channel_texts_help,
    channel_texts_none,
    channel_texts_back,
    channel_texts_link,
    channel_text_made,
    channel_text_save,
    section_publication,
    task_scheduled,
    task_queued,
    task_sending,
    task_done,
    task_uncertain,
    task_failed,
    task_stopped,
    task_manual,
    task_cancelled,
    task_retry,
    task_by_hand,
    schedule_heading,
    schedule_hint,
    schedule_at,
    schedule_submit,
    media_choose,
    media_caption,
    media_alt,
    media_upload,
    media_remove,
    media_none,
    media_describe,
    section_media_settings,
    f_media_max_file_mb,
    f_media_max_files,
    media_photo_unreadable,
    push_title,
    push_on,
    push_ready,
    push_off,
    push_blocked,
    push_enable,
    push_disable,
    push_confidential,
    activity_in_future,
    deadline_in_past,
    staff_not_eligible,
    recipient_not_sekretaris,
    draft_missing,
    username_taken,
    username_invalid,
    roles_required,
    last_admin,
    settings_bad_time,
    settings_no_working_day,
    settings_closes_before_opening,
    settings_nine_steps,
    period_reversed,
    export_unknown_table,
    export_unknown_format,
    dip_format_invalid,
    other_language,
    language_switch_label,
    unknown_locale,
);

pub fn sop_activities() -> [&'static str; 9] {
    let l = locale();
    [
        td_string!(l, sop_activities_1),
        td_string!(l, sop_activities_2),
        td_string!(l, sop_activities_3),
        td_string!(l, sop_activities_4),
        td_string!(l, sop_activities_5),
        td_string!(l, sop_activities_6),
        td_string!(l, sop_activities_7),
        td_string!(l, sop_activities_8),
        td_string!(l, sop_activities_9),
    ]
}
pub fn steps() -> [&'static str; 9] {
    let l = locale();
    [
        td_string!(l, steps_1),
        td_string!(l, steps_2),
        td_string!(l, steps_3),
        td_string!(l, steps_4),
        td_string!(l, steps_5),
        td_string!(l, steps_6),
        td_string!(l, steps_7),
        td_string!(l, steps_8),
        td_string!(l, steps_9),
    ]
}
pub fn weekdays() -> [&'static str; 7] {
    let l = locale();
    [
        td_string!(l, weekdays_1),
        td_string!(l, weekdays_2),
        td_string!(l, weekdays_3),
        td_string!(l, weekdays_4),
        td_string!(l, weekdays_5),
        td_string!(l, weekdays_6),
        td_string!(l, weekdays_7),
    ]
}
pub fn report_summary_columns() -> [&'static str; 7] {
    let l = locale();
    [
        td_string!(l, report_summary_columns_1),
        td_string!(l, report_summary_columns_2),
        td_string!(l, report_summary_columns_3),
        td_string!(l, report_summary_columns_4),
        td_string!(l, report_summary_columns_5),
        td_string!(l, report_summary_columns_6),
        td_string!(l, report_summary_columns_7),
    ]
}
pub fn report_step_columns() -> [&'static str; 8] {
    let l = locale();
    [
        td_string!(l, report_step_columns_1),
        td_string!(l, report_step_columns_2),
        td_string!(l, report_step_columns_3),
        td_string!(l, report_step_columns_4),
        td_string!(l, report_step_columns_5),
        td_string!(l, report_step_columns_6),
        td_string!(l, report_step_columns_7),
        td_string!(l, report_step_columns_8),
    ]
}
pub fn report_people_columns() -> [&'static str; 4] {
    let l = locale();
    [
        td_string!(l, report_people_columns_1),
        td_string!(l, report_people_columns_2),
        td_string!(l, report_people_columns_3),
        td_string!(l, report_people_columns_4),
    ]
}
pub fn report_channel_columns() -> [&'static str; 2] {
    let l = locale();
    [
        td_string!(l, report_channel_columns_1),
        td_string!(l, report_channel_columns_2),
    ]
}
pub fn report_kip_columns() -> [&'static str; 2] {
    let l = locale();
    [td_string!(l, report_kip_columns_1), td_string!(l, report_kip_columns_2)]
}
pub fn dip_columns() -> [&'static str; 7] {
    let l = locale();
    [
        td_string!(l, dip_columns_1),
        td_string!(l, dip_columns_2),
        td_string!(l, dip_columns_3),
        td_string!(l, dip_columns_4),
        td_string!(l, dip_columns_5),
        td_string!(l, dip_columns_6),
        td_string!(l, dip_columns_7),
    ]
}
pub fn dip_export_columns() -> [&'static str; 11] {
    let l = locale();
    [
        td_string!(l, dip_export_columns_1),
        td_string!(l, dip_export_columns_2),
        td_string!(l, dip_export_columns_3),
        td_string!(l, dip_export_columns_4),
        td_string!(l, dip_export_columns_5),
        td_string!(l, dip_export_columns_6),
        td_string!(l, dip_export_columns_7),
        td_string!(l, dip_export_columns_8),
        td_string!(l, dip_export_columns_9),
        td_string!(l, dip_export_columns_10),
        td_string!(l, dip_export_columns_11),
    ]
}
pub fn register_columns() -> [&'static str; 14] {
    let l = locale();
    [
        td_string!(l, register_columns_1),
        td_string!(l, register_columns_2),
        td_string!(l, register_columns_3),
        td_string!(l, register_columns_4),
        td_string!(l, register_columns_5),
        td_string!(l, register_columns_6),
        td_string!(l, register_columns_7),
        td_string!(l, register_columns_8),
        td_string!(l, register_columns_9),
        td_string!(l, register_columns_10),
        td_string!(l, register_columns_11),
        td_string!(l, register_columns_12),
        td_string!(l, register_columns_13),
        td_string!(l, register_columns_14),
    ]
}

/// A live change, said to a screen reader: who moved a material and where it is now (never its
/// title: the listener may not be allowed to know which one).
pub fn live_item_moved(state: State, by: &str) -> String {
    td_string!(locale(), live_item_moved, by = by, state = state_label(state)).into()
}

/// "3 jam 10 menit dari 4 jam kerja" (the time of the current step against its target).
pub fn step_clock(spent: i64, target: i64) -> String {
    let spent = if spent < 60 {
        td_string!(locale(), age_minutes, m = 0).into()
    } else {
        crate::domain::time::format_age(spent)
    };
    let target = crate::domain::time::format_age(target);
    td_string!(locale(), step_clock, spent = spent, target = target).into()
}

pub fn sop_time_note(sangat_segera: u8, serta_merta: u8) -> String {
    td_string!(
        locale(),
        sop_time_note,
        sangat_segera = sangat_segera,
        serta_merta = serta_merta
    )
    .into()
}

pub fn target_text(t: crate::domain::calendar::Target) -> String {
    match t {
        crate::domain::calendar::Target::WorkingHours(h) => td_string!(locale(), target_hours, n = h).into(),
        crate::domain::calendar::Target::WorkingDays(d) => td_string!(locale(), target_days, n = d).into(),
    }
}

pub fn checklist_unknown(item: &str) -> String {
    td_string!(locale(), checklist_unknown, item = item).into()
}

pub fn over_standard_count(n: u32) -> String {
    td_string!(locale(), over_standard_count, n = n).into()
}

pub fn late_count(n: u32) -> String {
    td_string!(locale(), late_count, n = n).into()
}

pub fn panel_title(kind: crate::views::PanelKind) -> &'static str {
    use crate::views::PanelKind as P;
    let l = locale();
    match kind {
        P::MyDispositions => td_string!(l, panel_my_dispositions),
        P::ToForward => td_string!(l, panel_to_forward),
        P::ToCorrect => td_string!(l, panel_to_correct),
        P::ToOrder => td_string!(l, panel_to_order),
        P::WaitingOnOthers => td_string!(l, panel_waiting_on_others),
        P::ToAccept => td_string!(l, panel_to_accept),
        P::ToAssign => td_string!(l, panel_to_assign),
        P::MyDrafts => td_string!(l, panel_my_drafts),
        P::MyPublishing => td_string!(l, panel_my_publishing),
        P::VerificationQueue => td_string!(l, panel_verification_queue),
    }
}

pub fn bell_label(unread: u32) -> String {
    if unread == 0 {
        notifications().to_string()
    } else {
        td_string!(locale(), bell_unread, n = unread).into()
    }
}

/// What the bell says of a notification.
pub fn notice_text(kind: crate::domain::NoticeKind, note: &str) -> String {
    use crate::domain::NoticeKind;
    let l = locale();
    match kind {
        NoticeKind::Incoming => td_string!(l, notice_incoming).into(),
        NoticeKind::Returned => td_string!(l, notice_returned, note = note).into(),
        NoticeKind::Published => td_string!(l, notice_published).into(),
        NoticeKind::Cancelled => td_string!(l, notice_cancelled, note = note).into(),
        NoticeKind::Exempt => td_string!(l, notice_exempt).into(),
    }
}

/// The label of a move's written reason: for an exemption, its consequence test.
pub fn reason_label(kind: ActionKind) -> &'static str {
    if kind == ActionKind::ClassifyExempt {
        f_consequence_test()
    } else {
        f_reason()
    }
}

/// Where the editor's text stands when the server does not have it yet: kept on this device at
/// `time`, and (`waiting`) the last save found no connection.
pub fn kept_on_device(time: &str, waiting: bool) -> String {
    if waiting {
        td_string!(locale(), kept_waiting, time = time).into()
    } else {
        td_string!(locale(), kept_on_device, time = time).into()
    }
}

/// The editor took up a text kept on this device at `time` that the server does not have.
pub fn kept_restored(time: &str) -> String {
    td_string!(locale(), kept_restored, time = time).into()
}

/// A saved connection: its provider, address, account, and who saved it.
pub fn channel_connection_line(kind: &str, endpoint: &str, account: &str, by: &str) -> String {
    td_string!(
        locale(),
        channel_connection_line,
        kind = kind,
        endpoint = endpoint,
        account = account,
        by = by
    )
    .into()
}

/// "Sambungkan {provider}".
pub fn channel_connect_kind(kind: &str) -> String {
    td_string!(locale(), channel_connect_kind, kind = kind).into()
}

/// The provider's API address field, naming the address used when it is left empty.
pub fn f_endpoint_provider(default: &str) -> String {
    td_string!(locale(), f_endpoint_provider, default = default).into()
}

/// The webhook receiver's address field.
pub fn f_endpoint_webhook() -> String {
    td_string!(locale(), f_endpoint_webhook).into()
}

/// The API version field, naming the version used when it is left empty.
pub fn f_channel_api_version(default: &str) -> String {
    td_string!(locale(), f_channel_api_version, default = default).into()
}

/// The label of a channel's own text.
pub fn channel_text_label(channel: Channel) -> String {
    td_string!(locale(), channel_text_label, channel = channel.label()).into()
}

/// How long a channel's text is as the channel counts it, of its limit; with its hashtags where
/// the channel limits them.
pub fn channel_text_count(have: usize, max: usize, tags: Option<(usize, usize)>) -> String {
    match tags {
        Some((tags, max_tags)) => td_string!(
            locale(),
            channel_text_count_tags,
            have = have,
            max = max,
            tags = tags,
            max_tags = max_tags
        )
        .into(),
        None => td_string!(locale(), channel_text_count, have = have, max = max).into(),
    }
}

pub fn channel_text_preview(channel: Channel) -> String {
    td_string!(locale(), channel_text_preview, channel = channel.label()).into()
}

pub fn channel_text_saved(by: &str, at: &str) -> String {
    td_string!(locale(), channel_text_saved, by = by, at = at).into()
}

pub fn channel_photos_download(n: usize) -> String {
    td_string!(locale(), channel_photos_download, n = n).into()
}

pub fn channel_reason(reason: &str) -> String {
    td_string!(locale(), channel_reason, reason = reason).into()
}

pub fn task_due(at: &str) -> String {
    td_string!(locale(), task_due, at = at).into()
}

pub fn task_reason(reason: &str) -> String {
    td_string!(locale(), task_reason, reason = reason).into()
}

pub fn task_attempts(n: i64) -> String {
    td_string!(locale(), task_attempts, n = n).into()
}

/// A publication task's state, as its item shows it.
pub fn task_state(state: crate::domain::outbox::TaskState) -> &'static str {
    use crate::domain::outbox::TaskState as T;
    match state {
        T::Scheduled => task_scheduled(),
        T::Queued => task_queued(),
        T::Sending => task_sending(),
        T::Done => task_done(),
        T::Uncertain => task_uncertain(),
        T::Failed => task_failed(),
        T::Stopped => task_stopped(),
        T::Manual => task_manual(),
        T::Cancelled => task_cancelled(),
    }
}

/// A channel task's state in a word (the dashboard's badges).
pub fn task_state_short(state: crate::domain::outbox::TaskState) -> &'static str {
    use crate::domain::outbox::TaskState as T;
    match state {
        T::Scheduled => task_short_scheduled(),
        T::Queued => task_short_queued(),
        T::Sending => task_short_sending(),
        T::Done => task_short_done(),
        T::Uncertain => task_short_uncertain(),
        T::Failed => task_short_failed(),
        T::Stopped => task_short_stopped(),
        T::Manual => task_short_manual(),
        T::Cancelled => task_short_cancelled(),
    }
}

/// A push: the channel needs reconnecting.
pub fn push_channel_reconnect_title(channel: Channel) -> String {
    td_string!(locale(), push_channel_reconnect_title, channel = channel.label()).into()
}

pub fn push_channel_reconnect_body(reason: &str) -> String {
    td_string!(locale(), push_channel_reconnect_body, reason = reason).into()
}

pub fn channel_alert_expiring_on(at: &str) -> String {
    td_string!(locale(), channel_alert_expiring_on, at = at).into()
}

pub fn media_limits(max_mb: usize, max: usize) -> String {
    td_string!(locale(), media_limits, max_mb = max_mb, max = max).into()
}

/// A draft save refused because someone saved it first.
pub fn draft_conflict(by: &str) -> String {
    td_string!(locale(), draft_conflict, by = by).into()
}

/// After a move: where the item went and who has it now.
pub fn moved_to(state: State, holder: Option<&str>) -> String {
    match holder {
        Some(h) => td_string!(locale(), moved_to_holder, state = state_label(state), holder = h).into(),
        None => td_string!(locale(), moved_to, state = state_label(state)).into(),
    }
}

/// The label on the button that performs a move (DESIGN.md, "button label").
pub fn action_label(kind: ActionKind) -> &'static str {
    let l = locale();
    match kind {
        ActionKind::CreateDisposition => td_string!(l, action_create_disposition),
        ActionKind::ForwardToSekretariat => td_string!(l, action_forward_to_sekretariat),
        ActionKind::AcceptDisposition => td_string!(l, action_accept_disposition),
        ActionKind::AssignStaff => td_string!(l, action_assign_staff),
        ActionKind::SubmitForCorrection => td_string!(l, action_submit_for_correction),
        ActionKind::SendToVerification => td_string!(l, action_send_to_verification),
        ActionKind::ReturnToStaff => return_to_staff(),
        ActionKind::ReturnForRevision => td_string!(l, action_return_for_revision),
        ActionKind::Approve => td_string!(l, action_approve),
        ActionKind::ClassifyExempt => classify_exempt(),
        ActionKind::OrderPublication => td_string!(l, action_order_publication),
        ActionKind::MarkPublished => td_string!(l, action_mark_published),
        ActionKind::Cancel => cancel_item(),
    }
}

/// How a move reads in the timeline.
pub fn action_done(kind: ActionKind) -> &'static str {
    let l = locale();
    match kind {
        ActionKind::CreateDisposition => td_string!(l, done_create_disposition),
        ActionKind::ForwardToSekretariat => td_string!(l, done_forward_to_sekretariat),
        ActionKind::AcceptDisposition => td_string!(l, done_accept_disposition),
        ActionKind::AssignStaff => td_string!(l, done_assign_staff),
        ActionKind::SubmitForCorrection => td_string!(l, done_submit_for_correction),
        ActionKind::SendToVerification => td_string!(l, done_send_to_verification),
        ActionKind::ReturnToStaff => td_string!(l, done_return_to_staff),
        ActionKind::ReturnForRevision => td_string!(l, done_return_for_revision),
        ActionKind::Approve => td_string!(l, done_approve),
        ActionKind::ClassifyExempt => td_string!(l, done_classify_exempt),
        ActionKind::OrderPublication => td_string!(l, done_order_publication),
        ActionKind::MarkPublished => td_string!(l, done_mark_published),
        ActionKind::Cancel => td_string!(l, done_cancel),
    }
}

/// Where the item is, in words.
pub fn state_label(state: State) -> &'static str {
    let l = locale();
    match state {
        State::AtSekretaris => td_string!(l, state_at_sekretaris),
        State::AtSekretariat => td_string!(l, state_at_sekretariat),
        State::AcceptedBySekretariat => td_string!(l, state_accepted_by_sekretariat),
        State::Drafting => td_string!(l, state_drafting),
        State::InCorrection => td_string!(l, state_in_correction),
        State::InVerification => td_string!(l, state_in_verification),
        State::RevisionRequested => td_string!(l, state_revision_requested),
        State::Approved => td_string!(l, state_approved),
        State::Publishing => td_string!(l, state_publishing),
        State::Published => td_string!(l, state_published),
        State::Cancelled => td_string!(l, state_cancelled),
        State::Exempt => exempt_state(),
    }
}

/// What stands at a pipeline tile: the names of the states pending at step `n` (the same names
/// as the items' badges), or of a closed state (10 published, 0 cancelled, 11 exempt).
pub fn pipeline_label(n: u8) -> String {
    match n {
        0 => state_label(State::Cancelled).into(),
        10 => state_label(State::Published).into(),
        11 => state_label(State::Exempt).into(),
        n => {
            let names: Vec<&str> = State::ALL
                .into_iter()
                .filter(|s| s.pending_step() == Some(n))
                .map(state_label)
                .collect();
            format!("{n}. {}", names.join(" / "))
        }
    }
}

/// A field of one step's row in the settings ("Output langkah 9").
pub fn step_field(field: &str, step: usize) -> String {
    td_string!(locale(), step_field, field = field, step = step).into()
}

pub fn refusal(r: Refusal) -> String {
    let l = locale();
    match r {
        Refusal::NotInThisState => td_string!(l, refusal_not_in_this_state).into(),
        Refusal::MissingRole(role) => td_string!(l, refusal_missing_role, role = role.label()).into(),
        Refusal::NotAssignee => td_string!(l, refusal_not_assignee).into(),
        Refusal::OwnMaterial => td_string!(l, refusal_own_material).into(),
        Refusal::NotOriginator => td_string!(l, refusal_not_originator).into(),
        Refusal::ReasonRequired => td_string!(l, refusal_reason_required).into(),
        Refusal::NoWorkflowRole => td_string!(l, refusal_no_workflow_role).into(),
    }
}

pub fn conflict(by: &str, state: State) -> String {
    td_string!(locale(), conflict, by = by, state = state_label(state)).into()
}

pub fn field_label(field: &str) -> &'static str {
    match field {
        "perihal" => f_perihal(),
        "activity_date" => f_activity_date(),
        "activity_place" => f_activity_place(),
        "urgency" => f_urgency(),
        "instructions" => f_instructions(),
        "note" => td_string!(locale(), label_note),
        "deadline" => f_deadline(),
        "to_user" => f_to(),
        "title" => f_title(),
        "summary" => f_summary(),
        "body" => td_string!(locale(), label_body),
        "activity_name" => f_activity_name(),
        "channels" => f_channels(),
        "kip_category" => f_kip(),
        "reason" => f_reason(),
        "username" => username(),
        "password" => password(),
        "name" => f_name(),
        "roles" => f_roles(),
        "staff" => f_staff(),
        "nip" => f_nip(),
        "position" => f_position(),
        "link" => td_string!(locale(), label_link),
        "from" => report_from(),
        "register.unit" => f_unit(),
        "register.responsible" => f_responsible(),
        "register.form" => f_form(),
        "register.retention" => f_retention(),
        "register.consequence_test" => f_consequence(),
        "dip_format" => f_dip_format(),
        "status" => register_status_label(),
        "to" => report_to(),
        "zone" => settings_zone(),
        "letterhead.government" => settings_government(),
        "letterhead.office" => settings_office(),
        "letterhead.address" => td_string!(locale(), label_address),
        _ => td_string!(locale(), label_field),
    }
}

pub fn field_required(field: &str) -> String {
    td_string!(locale(), field_required, field = field_label(field)).into()
}
pub fn field_too_short(field: &str, min: usize) -> String {
    td_string!(locale(), field_too_short, field = field_label(field), min = min).into()
}
pub fn field_too_long(field: &str, max: usize) -> String {
    td_string!(locale(), field_too_long, field = field_label(field), max = max).into()
}
pub fn field_bad_date(field: &str) -> String {
    td_string!(locale(), field_bad_date, field = field_label(field)).into()
}
pub fn field_choose(field: &str) -> String {
    td_string!(locale(), field_choose, field = field_label(field)).into()
}

/// When and by whom a channel's link was recorded.
pub fn link_recorded(by: Option<&str>, at: Option<String>) -> String {
    match (by, at) {
        (Some(by), Some(at)) => td_string!(locale(), link_recorded_by_at, at = at, by = by).into(),
        (None, Some(at)) => td_string!(locale(), link_recorded_at, at = at).into(),
        _ => td_string!(locale(), link_recorded).into(),
    }
}
pub fn link_label(channel: Channel) -> String {
    td_string!(locale(), link_label, channel = channel.label()).into()
}
pub fn link_required(channel: Channel) -> String {
    td_string!(locale(), link_required, channel = channel.label()).into()
}
pub fn link_invalid(channel: Channel) -> String {
    td_string!(locale(), link_invalid, channel = channel.label()).into()
}
pub fn password_too_short(min: usize) -> String {
    td_string!(locale(), password_too_short, min = min).into()
}
pub fn settings_bad_percent(min: u8, max: u8) -> String {
    td_string!(locale(), settings_bad_percent, min = min, max = max).into()
}
pub fn settings_bad_kelengkapan(step: u8) -> String {
    td_string!(locale(), settings_bad_kelengkapan, step = step).into()
}
pub fn settings_bad_target(step: u8, max_hours: u32, max_days: u32) -> String {
    td_string!(
        locale(),
        settings_bad_target,
        step = step,
        max_hours = max_hours,
        max_days = max_days
    )
    .into()
}
pub fn settings_bad_output(step: u8) -> String {
    td_string!(locale(), settings_bad_output, step = step).into()
}
pub fn settings_bad_logo(max_kib: usize) -> String {
    td_string!(locale(), settings_bad_logo, max_kib = max_kib).into()
}
pub fn holiday_bad_line(line: usize) -> String {
    td_string!(locale(), holiday_bad_line, line = line).into()
}
pub fn holiday_wrong_year(line: usize, year: i32) -> String {
    td_string!(locale(), holiday_wrong_year, line = line, year = year).into()
}

pub fn step_name(step: u8) -> String {
    let name = steps().get(usize::from(step).wrapping_sub(1)).copied().unwrap_or("-");
    format!("{step}. {name}")
}
pub fn period_too_long(years: u32) -> String {
    td_string!(locale(), period_too_long, years = years).into()
}

/// The register's completeness while the material is written ("3 isian DIP belum lengkap").
pub fn register_status(missing: &[&str]) -> String {
    if missing.is_empty() {
        return td_string!(locale(), register_complete).into();
    }
    let names: Vec<&str> = missing.iter().map(|f| field_label(f)).collect();
    td_string!(
        locale(),
        register_incomplete,
        n = missing.len(),
        names = names.join("; ")
    )
    .into()
}

pub fn register_missing(fields: &[String]) -> String {
    let names: Vec<&str> = fields.iter().map(|f| field_label(f)).collect();
    td_string!(locale(), register_missing, names = names.join("; ")).into()
}

/// The register's "bentuk informasi" with the documents published with the information.
pub fn dip_available_forms(form: &str, documents: &[&str]) -> String {
    if documents.is_empty() {
        return form.to_string();
    }
    let listed: String = td_string!(locale(), dip_documents, names = documents.join(", ")).into();
    if form.is_empty() {
        let mut chars = listed.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        format!("{form}; {listed}")
    }
}
pub fn portal_count(n: u32) -> String {
    td_string!(locale(), portal_count, n = crate::domain::table::format_int(n.into())).into()
}
pub fn portal_page(page: u32, pages: u32) -> String {
    td_string!(locale(), portal_page, page = page, pages = pages).into()
}
pub fn berkala_due_line(title: &str, due: &str) -> String {
    td_string!(locale(), berkala_due_line, title = title, due = due).into()
}
pub fn portal_page_only(page: u32) -> String {
    td_string!(locale(), portal_page_only, page = page).into()
}
pub fn due_on(date: &str) -> String {
    td_string!(locale(), due_on, date = date).into()
}

/// Too many failed logins: when to try again.
pub fn too_many_attempts(seconds: i64) -> String {
    let wait: String = if seconds >= 60 {
        td_string!(locale(), wait_minutes, n = (seconds + 59) / 60).into()
    } else {
        td_string!(locale(), wait_seconds, n = seconds).into()
    };
    td_string!(locale(), too_many_attempts, wait = wait).into()
}

/// What the user reads for a refused field.
pub fn problem(field: &str, p: &Problem) -> String {
    match p {
        Problem::Required => field_required(field),
        Problem::ReasonRequired => refusal(Refusal::ReasonRequired),
        Problem::TooShort { min } => field_too_short(field, *min),
        Problem::TooLong { max } => field_too_long(field, *max),
        Problem::BadDate => field_bad_date(field),
        Problem::Choose => field_choose(field),
        Problem::ActivityInFuture => activity_in_future().into(),
        Problem::DeadlineInPast => deadline_in_past().into(),
        Problem::LinkRequired { channel } => link_required(*channel),
        Problem::LinkInvalid { channel } => link_invalid(*channel),
        Problem::StaffNotEligible => staff_not_eligible().into(),
        Problem::RecipientNotSekretaris => recipient_not_sekretaris().into(),
        Problem::FormKeyInvalid => form_key_invalid().into(),
        Problem::DraftMissing => draft_missing().into(),
        Problem::RegisterMissing { fields } => register_missing(fields),
        Problem::ExemptNotPublished => exempt_not_published().into(),
        Problem::ChecklistUnknown { item } => checklist_unknown(item),
        Problem::UsernameTaken => username_taken().into(),
        Problem::UsernameInvalid => username_invalid().into(),
        Problem::PasswordTooShort { min } => password_too_short(*min),
        Problem::PasswordWeak => password_weak().into(),
        Problem::TooDeep { max } => td_string!(locale(), too_deep, max = max).into(),
        Problem::PasswordWrong => password_wrong().into(),
        Problem::PasswordMismatch => password_mismatch().into(),
        Problem::RolesRequired => roles_required().into(),
        Problem::LastAdmin => last_admin().into(),
        Problem::BadTime => settings_bad_time().into(),
        Problem::BadPercent { min, max } => settings_bad_percent(*min, *max),
        Problem::NoWorkingDay => settings_no_working_day().into(),
        Problem::ClosesBeforeOpening => settings_closes_before_opening().into(),
        Problem::NineSteps => settings_nine_steps().into(),
        Problem::BadKelengkapan { step } => settings_bad_kelengkapan(*step),
        Problem::BadTarget {
            step,
            max_hours,
            max_days,
        } => settings_bad_target(*step, *max_hours, *max_days),
        Problem::BadOutput { step } => settings_bad_output(*step),
        Problem::BadLogo { max_kib } => settings_bad_logo(*max_kib),
        Problem::HolidayBadLine { line } => holiday_bad_line(*line),
        Problem::HolidayWrongYear { line, year } => holiday_wrong_year(*line, *year),
        Problem::PeriodReversed => period_reversed().into(),
        Problem::PeriodTooLong { years } => period_too_long(*years),
        Problem::DipFormatInvalid => dip_format_invalid().into(),
        Problem::PushServiceUnknown => push_service_unknown().into(),
        Problem::PushKeysInvalid => push_keys_invalid().into(),
        Problem::TooManyFiles { max } => td_string!(locale(), media_too_many, max = *max).into(),
        Problem::FileTooLarge { max_mb } => td_string!(locale(), media_too_large, max_mb = *max_mb).into(),
        Problem::FileTypeRefused => media_type_refused().into(),
        Problem::PhotoUnreadable => media_photo_unreadable().into(),
        Problem::OutOfRange { min, max } => td_string!(locale(), out_of_range, min = *min, max = *max).into(),
        Problem::AltTextMissing { count } => td_string!(locale(), media_alt_missing, count = *count).into(),
        Problem::ScheduleInvalid => td_string!(locale(), schedule_invalid).into(),
        Problem::HttpsRequired => td_string!(locale(), https_required).into(),
        Problem::PostTooLong { channel, max } => {
            td_string!(locale(), post_too_long, channel = channel.label(), max = *max).into()
        }
        Problem::TooManyHashtags { channel, max } => {
            td_string!(locale(), too_many_hashtags, channel = channel.label(), max = *max).into()
        }
        Problem::UnknownTable => export_unknown_table().into(),
        Problem::UnknownFormat => export_unknown_format().into(),
        Problem::BadYear => portal_bad_year().into(),
    }
}

/// Several fields of one form refused at once.
fn fields_to_fix(messages: Vec<String>) -> String {
    td_string!(locale(), fields_to_fix, n = messages.len(), list = messages.join(" ")).into()
}

pub fn field_error(e: &FieldError) -> String {
    problem(&e.field, &e.problem)
}

/// What the user reads for an error of a server function.
pub fn app_error(e: &AppError) -> String {
    match e {
        AppError::Unauthenticated => not_logged_in().into(),
        AppError::LoginFailed => login_failed().into(),
        AppError::Forbidden(None) => forbidden().into(),
        AppError::Forbidden(Some(r)) => refusal(*r),
        AppError::NotFound => not_found().into(),
        AppError::CrossSite => cross_site().into(),
        AppError::FormExpired => form_expired().into(),
        AppError::TooLarge { max_kib } => too_large(*max_kib),
        AppError::PasswordChangeRequired => password_change_required().into(),
        AppError::TooManyAttempts { wait_seconds } => too_many_attempts(*wait_seconds),
        AppError::AccountLocked => account_locked().into(),
        AppError::NotJson => not_json().into(),
        AppError::Invalid(f) if f.others.is_empty() => field_error(f),
        AppError::Invalid(f) => fields_to_fix(f.all().map(field_error).collect()),
        AppError::Refused(Outdated::NotInThisState) => refusal(Refusal::NotInThisState),
        AppError::Refused(Outdated::SettingsChangedElsewhere) => settings_changed_elsewhere().into(),
        AppError::Conflict { by, state, .. } => conflict(by, *state),
        AppError::Refused(Outdated::DraftChangedElsewhere) => draft_changed_elsewhere().into(),
        AppError::DraftConflict(c) => draft_conflict(&c.by),
        AppError::StorageFull => storage_full().into(),
        AppError::StorageFailed => storage_failed().into(),
        AppError::Internal => internal().into(),
        AppError::Transport(detail) => format!("{} ({detail})", transport()),
    }
}

/// A request body over the limit.
pub fn too_large(max_kib: usize) -> String {
    td_string!(locale(), too_large, max_kib = max_kib).into()
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&app_error(self))
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&field_error(self))
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::table::{format_decimal, format_int};
    use crate::domain::time::{format_datetime, OfficeZone};
    use chrono::{TimeZone, Utc};
    use std::collections::BTreeSet;

    fn keys(json: &str) -> BTreeSet<String> {
        let map: std::collections::BTreeMap<String, String> = serde_json::from_str(json).unwrap();
        map.into_keys().collect()
    }

    #[test]
    fn both_locales_hold_every_key() {
        let id = keys(include_str!("../locales/id.json"));
        let en = keys(include_str!("../locales/en.json"));
        let only_id: Vec<_> = id.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&id).collect();
        assert!(
            only_id.is_empty() && only_en.is_empty(),
            "id only: {only_id:?}; en only: {only_en:?}"
        );
    }

    #[test]
    fn dates_and_numbers_are_written_as_each_locale_writes_them() {
        let t = Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).unwrap();
        let id = REQUEST_LOCALE.sync_scope(Locale::id, || {
            (
                format_datetime(t, OfficeZone::Wib),
                format_decimal(1234.5),
                format_int(-1_234_567),
            )
        });
        assert_eq!(id.0, "Kamis, 26 November 2026 pukul 09.00 WIB");
        assert_eq!(id.1, "1.234,5");
        assert_eq!(id.2, "-1.234.567");
        let en = REQUEST_LOCALE.sync_scope(Locale::en, || {
            (
                format_datetime(t, OfficeZone::Wib),
                format_decimal(1234.5),
                format_int(-1_234_567),
            )
        });
        assert_eq!(en.0, "Thursday, 26 November 2026, 09:00 WIB");
        assert_eq!(en.1, "1,234.5");
        assert_eq!(en.2, "-1,234,567");
    }

    #[test]
    fn refusals_read_in_the_chosen_locale_with_their_values() {
        let e = AppError::TooManyAttempts { wait_seconds: 125 };
        let id = REQUEST_LOCALE.sync_scope(Locale::id, || app_error(&e));
        let en = REQUEST_LOCALE.sync_scope(Locale::en, || app_error(&e));
        assert!(id.contains("Tunggu 3 menit"), "{id}");
        assert!(en.contains("Wait 3 min"), "{en}");
        // Outside any request: Bahasa Indonesia.
        assert_eq!(app_error(&AppError::NotFound), not_found());
        assert!(not_found().starts_with("Materi atau data"));
    }
}
