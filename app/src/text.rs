//! Every user-facing sentence of Warta, in Bahasa Indonesia, in one place.
//! (An English locale will be a second table with the same names.)

use crate::domain::{ActionKind, Channel, FieldError, Problem, Refusal, State};
use crate::error::{AppError, Outdated};

pub const APP_NAME: &str = "Warta";
pub const APP_TAGLINE: &str = "Pengelolaan Website dan Media Sosial PPID";

// Login
pub const LOGIN_TITLE: &str = "Masuk ke Warta";
/// The login page's query: the page to return to, and whether a session just ended.
pub const NEXT_PARAM: &str = "lanjut";
pub const ENDED_PARAM: &str = "sesi_berakhir";
/// After a plain post of the settings form (or of a year's holidays) that saved.
pub const SAVED_PARAM: &str = "tersimpan";
pub const SAVED_HOLIDAYS_PARAM: &str = "libur_tersimpan";
pub const SESSION_ENDED: &str = "Sesi Anda telah berakhir (lama tidak aktif, keluar di jendela lain, atau kata sandi diubah). Silakan masuk lagi; Anda akan kembali ke halaman tadi.";
pub const USERNAME: &str = "Nama pengguna";
pub const PASSWORD: &str = "Kata sandi";
pub const LOGIN_BUTTON: &str = "Masuk";
pub const LOGOUT_BUTTON: &str = "Keluar";
pub const LOGIN_FAILED: &str = "Nama pengguna atau kata sandi salah. Periksa kembali lalu coba lagi.";
pub const NOT_LOGGED_IN: &str = "Sesi Anda telah berakhir atau Anda belum masuk. Silakan masuk kembali.";
pub const FORBIDDEN: &str =
    "Anda tidak berwenang melakukan tindakan ini. Hubungi Administrator bila peran Anda perlu diubah.";
pub const NOT_FOUND: &str = "Materi atau data yang dicari tidak ditemukan. Kembali ke daftar lalu pilih yang lain.";
pub const INTERNAL: &str =
    "Terjadi gangguan pada server. Coba lagi beberapa saat lagi; bila berulang, hubungi Administrator.";
pub const ACCOUNT_INACTIVE: &str = "Akun ini tidak aktif. Hubungi Administrator.";

// Navigation and pages
pub const NAV_TASKS: &str = "Tugas Saya";
pub const NAV_ALL: &str = "Semua Materi";
pub const NAV_NEW: &str = "Buat Disposisi";
pub const NAV_ADMIN: &str = "Administrasi";
pub const LOADING: &str = "Memuat…";
pub const LIVE_CONNECTING: &str = "Menghubungkan…";
pub const LIVE_ON: &str = "Terhubung";
pub const LIVE_OFF: &str = "Menyambung ulang…";

/// A live change, said to a screen reader: who moved a material and where it is now (never its
/// title: the listener may not be allowed to know which one).
pub fn live_item_moved(state: State, by: &str) -> String {
    format!("Pembaruan: {by} memindahkan materi ke tahap “{}”.", state_label(state))
}
pub const NOTIFICATIONS: &str = "Notifikasi";
pub const DASHBOARD: &str = "Dasbor";
pub const PIPELINE: &str = "Alur materi saat ini";
/// The end state of exempt information (UU 14/2008 art. 17).
pub const EXEMPT_STATE: &str = "Dikecualikan, tidak dipublikasikan";
/// The second outcome of verification (step 7).
pub const CLASSIFY_EXEMPT: &str = "Tetapkan Dikecualikan";
pub const CLASSIFY_EXEMPT_HINT: &str = "Informasi dikecualikan tidak ditayangkan: materi selesai sebagai \"Dikecualikan, tidak dipublikasikan\" dan masuk daftar informasi dikecualikan. Tuliskan uji konsekuensinya: kepentingan yang dilindungi dan akibat bila informasi dibuka.";
pub const WORKLOAD: &str = "Beban kerja staf";
pub const COL_STAFF: &str = "Staf";
pub const COL_DRAFTING: &str = "Menyusun materi";
pub const COL_PUBLISHING: &str = "Menayangkan";
pub const LATE: &str = "Terlambat";
pub const NOTHING_HERE: &str = "Tidak ada.";

/// "3 jam 10 menit dari 4 jam kerja" (the time of the current step against its target).
pub fn step_clock(spent: i64, target: i64) -> String {
    let spent = crate::domain::time::format_age(spent).replace("baru saja", "0 menit");
    let target = crate::domain::time::format_age(target);
    format!("{spent} dari {target} kerja")
}
pub const STEP_CLOCK_HINT: &str = "Waktu kerja di tahap ini (jam kantor, tanpa hari libur) dibanding mutu baku SOP.";
pub const OVER_TARGET: &str = "Melewati mutu baku waktu";

// The SOP sheet (Permenpan-RB layout).
pub const SOP_SHEET: &str = "Lembar SOP";
pub const SOP_TITLE: &str = "SOP Pengelolaan Website dan Media Sosial";
pub const SOP_NO: &str = "No";
pub const SOP_ACTIVITY: &str = "Kegiatan";
pub const SOP_ACTORS: &str = "Pelaksana";
pub const SOP_STANDARD: &str = "Mutu Baku";
pub const SOP_KELENGKAPAN: &str = "Kelengkapan";
pub const SOP_TIME: &str = "Waktu";
pub const SOP_OUTPUT: &str = "Output";
pub const SOP_NOTE: &str = "Keterangan";
pub const SOP_START: &str = "MULAI";
pub const SOP_END: &str = "SELESAI";
pub const SOP_NO_BRANCH: &str = "tidak";
pub const SOP_RETURN_NOTE: &str = "Bila masih ada yang harus diperbaiki, kembali ke langkah 6";
pub const SOP_EXEMPT_NOTE: &str = "Bila informasi dikecualikan (dengan uji konsekuensi): selesai sebagai \"Dikecualikan, tidak dipublikasikan\", tanpa langkah 8 dan 9";
pub const SOP_PRINT: &str = "Cetak";
pub fn sop_time_note(sangat_segera: u8, serta_merta: u8) -> String {
    format!("Waktu dalam jam kerja kantor (tanpa hari libur). Disposisi sangat segera mendapat {sangat_segera}% dan informasi serta merta {serta_merta}% dari waktu tersebut.")
}
pub const SOP_ACTIVITIES: [&str; 9] = [
    "PPID Pembantu memberikan disposisi kepada Sekretaris untuk membuat materi publikasi kegiatan yang telah dilaksanakan",
    "Menerima disposisi dari PPID Pembantu untuk publikasi informasi dan meneruskan kepada Sekretariat",
    "Menerima disposisi dari Sekretaris untuk menyusun materi publikasi kegiatan",
    "Menugaskan staf sekretariat untuk menyusun materi kegiatan yang akan dipublikasikan",
    "Membuat materi publikasi kegiatan dan menyerahkan kepada Sekretaris untuk dikoreksi",
    "Menyerahkan materi publikasi terkoreksi kepada Bidang Pengolahan Data dan Klasifikasi Informasi untuk diverifikasi",
    "Memverifikasi materi publikasi yang akan dimuat di website dan media sosial; bila masih ada yang harus diperbaiki, materi diserahkan kembali kepada Sekretaris",
    "Memerintahkan staf sekretariat untuk menayangkan materi publikasi pada website dan media sosial",
    "Menayangkan materi publikasi di website dan media sosial dan mencatat tautannya",
];

pub fn target_text(t: crate::domain::calendar::Target) -> String {
    match t {
        crate::domain::calendar::Target::WorkingHours(h) => format!("{h} jam kerja"),
        crate::domain::calendar::Target::WorkingDays(d) => format!("{d} hari kerja"),
    }
}

pub const F_CHECKLIST: &str = "Kelengkapan tahap ini (centang yang tersedia)";
pub const CHECKLIST_DONE: &str = "Kelengkapan";

pub fn checklist_unknown(item: &str) -> String {
    format!("\"{item}\" bukan kelengkapan tahap ini. Muat ulang halaman lalu centang dari daftar yang ada.")
}

pub fn over_standard_count(n: u32) -> String {
    format!("{n} materi melewati mutu baku waktu di tahapnya")
}

pub fn late_count(n: u32) -> String {
    format!("{n} materi melewati batas waktu")
}

pub fn panel_title(kind: crate::views::PanelKind) -> &'static str {
    use crate::views::PanelKind as P;
    match kind {
        P::MyDispositions => "Disposisi saya yang masih berjalan",
        P::ToForward => "Perlu diteruskan ke Sekretariat",
        P::ToCorrect => "Perlu dikoreksi",
        P::ToOrder => "Perlu diperintahkan tayang",
        P::WaitingOnOthers => "Menunggu di meja lain",
        P::ToAccept => "Perlu diterima",
        P::ToAssign => "Perlu ditugaskan ke staf",
        P::MyDrafts => "Materi yang saya susun",
        P::MyPublishing => "Tugas tayang saya",
        P::VerificationQueue => "Antrean verifikasi (terlama di atas)",
    }
}
pub const NO_NOTIFICATIONS: &str = "Belum ada notifikasi.";
pub const MARK_ALL_READ: &str = "Tandai semua sudah dibaca";

pub fn bell_label(unread: u32) -> String {
    if unread == 0 {
        NOTIFICATIONS.to_string()
    } else {
        format!("{NOTIFICATIONS}: {unread} belum dibaca")
    }
}

/// What the bell says of a notification.
pub fn notice_text(kind: crate::domain::NoticeKind, note: &str) -> String {
    use crate::domain::NoticeKind;
    match kind {
        NoticeKind::Incoming => "materi masuk ke meja Anda".to_string(),
        NoticeKind::Returned => format!("dikembalikan: {note}"),
        NoticeKind::Published => "sudah tayang".to_string(),
        NoticeKind::Cancelled => format!("dibatalkan: {note}"),
        NoticeKind::Exempt => "ditetapkan dikecualikan, tidak dipublikasikan".to_string(),
    }
}
pub const NO_TASKS: &str = "Tidak ada materi yang menunggu tindakan Anda.";
pub const NO_ITEMS: &str = "Tidak ada materi yang cocok.";
pub const SEARCH_TITLE: &str = "Cari judul atau perihal";
pub const FILTER_STEP: &str = "Tahap";
pub const ALL_STEPS: &str = "Semua tahap";
pub const COL_AGENDA: &str = "Nomor Agenda";
pub const COL_TITLE: &str = "Perihal / Judul";
pub const COL_STEP: &str = "Tahap";
pub const COL_AGE: &str = "Lama di meja";
pub const COL_URGENCY: &str = "Sifat";
pub const COL_DEADLINE: &str = "Batas waktu";
pub const BACK_TO_LIST: &str = "Kembali ke daftar";
pub const PAGE_NOT_FOUND: &str = "Halaman tidak ditemukan. Periksa alamatnya atau kembali ke Tugas Saya.";

// The item page
pub const SECTION_STEPS: &str = "Tahapan SOP";
pub const SECTION_DISPOSITION: &str = "Lembar Disposisi";
pub const SECTION_MATERIAL: &str = "Materi Publikasi";
pub const SECTION_VERSIONS: &str = "Versi Materi";
pub const SECTION_TIMELINE: &str = "Riwayat";
pub const SECTION_ACTIONS: &str = "Tindakan";
pub const SECTION_PUBLICATIONS: &str = "Tautan Tayang";
pub const NO_MATERIAL: &str = "Materi belum disusun.";
pub const COMPARE: &str = "Bandingkan";
pub const COMPARE_WITH: &str = "dengan versi";
pub const COMPARE_FIELD: &str = "Isian";
pub const COMPARE_BEFORE: &str = "Sebelumnya";
pub const COMPARE_AFTER: &str = "Sekarang";
pub const COMPARE_NO_FIELDS: &str = "Tidak ada isian yang berubah selain isi.";
pub const COMPARE_BODY_SAME: &str = "Isi tidak berubah.";
pub const COMPARE_REMOVED: &str = "Dihapus";
pub const COMPARE_ADDED: &str = "Ditambahkan";
pub const READ_RECEIPT: &str = "Dibuka pertama kali oleh";
pub const F_REASON: &str = "Alasan";
pub const F_CONSEQUENCE_TEST: &str = "Uji konsekuensi";

/// The label of a move's written reason: for an exemption, its consequence test.
pub fn reason_label(kind: ActionKind) -> &'static str {
    if kind == ActionKind::ClassifyExempt {
        F_CONSEQUENCE_TEST
    } else {
        F_REASON
    }
}
pub const F_NOTE: &str = "Catatan (opsional)";
pub const F_STAFF: &str = "Staf yang ditugaskan";
pub const SAVE_DRAFT: &str = "Simpan Draf";
pub const SAVED: &str = "Tersimpan.";
pub const SAVING: &str = "Menyimpan…";
pub const UNSAVED_CHANGES: &str =
    "Ada perubahan yang belum tersimpan (tersimpan sendiri beberapa detik setelah Anda berhenti mengetik).";
pub const DRAFT_CHANGED_ELSEWHERE: &str =
    "Materi telah disimpan lagi (di tab atau perangkat lain) sejak Anda membukanya. \
     Periksa teks yang tersimpan, lalu kirim lagi.";
pub const CLASH_HEADING: &str = "Dua versi teks";
pub const CLASH_MINE: &str = "Teks Anda (belum tersimpan)";
pub const CLASH_THEIRS: &str = "Teks tersimpan";
pub const CLASH_DIFF: &str = "Perbedaan (- tersimpan, + teks Anda)";
pub const CLASH_KEEP_MINE: &str = "Simpan teks di editor";
pub const CLASH_TAKE_THEIRS: &str = "Pakai teks tersimpan";
pub const CLASH_HELP: &str =
    "Pilih salah satu, atau gabungkan: salin bagian yang diperlukan dari teks tersimpan ke editor, \
     lalu tekan “Simpan teks di editor”.";

/// A draft save refused because someone saved it first.
pub fn draft_conflict(by: &str) -> String {
    format!(
        "Materi ini telah disimpan oleh {by} sejak Anda mulai menyunting. Teks Anda belum disimpan dan \
         tidak hilang: bandingkan kedua teks di bawah, lalu pilih salah satu atau gabungkan."
    )
}
pub const EDIT: &str = "Sunting";
pub const EDITOR_PLACEHOLDER: &str = "Tulis isi materi di sini…";
pub const EDITOR_TOOLBAR: &str = "Format teks";
pub const EDITOR_BOLD: &str = "Tebal";
pub const EDITOR_ITALIC: &str = "Miring";
pub const EDITOR_HEADING: &str = "Judul bagian";
pub const EDITOR_HEADING_FACE: &str = "Judul";
pub const EDITOR_BULLETS_FACE: &str = "• Daftar";
pub const EDITOR_NUMBERS_FACE: &str = "1. Daftar";
pub const EDITOR_SUBHEADING: &str = "Subjudul";
pub const EDITOR_BULLETS: &str = "Daftar berpoin";
pub const EDITOR_NUMBERS: &str = "Daftar bernomor";
pub const EDITOR_QUOTE: &str = "Kutipan";
pub const EDITOR_LINK: &str = "Tautan";
pub const EDITOR_LINK_PROMPT: &str = "Alamat tautan (diawali https://). Kosongkan untuk menghapus tautan.";
pub const EDITOR_LINK_REFUSED: &str = "Tautan harus diawali https://, http:// atau mailto:. Tautan tidak dipasang.";
pub const CANCEL_ITEM: &str = "Batalkan Materi";
pub const RETURN_TO_STAFF: &str = "Kembalikan ke Staf";
pub const RETURNED_BY: &str = "Dikembalikan oleh";
pub const ASKED_NOW: &str = "Giliran Anda";
pub const WAITING_FOR: &str = "Menunggu tindakan";

/// After a move: where the item went and who has it now.
pub fn moved_to(state: State, holder: Option<&str>) -> String {
    match holder {
        Some(h) => format!(
            "Tindakan tercatat. Tahap materi kini: {}. Menunggu tindakan {h}.",
            state_label(state)
        ),
        None => format!("Tindakan tercatat. Tahap materi kini: {}.", state_label(state)),
    }
}
pub const CANCEL_FORM: &str = "Batal";
pub const YES: &str = "Ya";
pub const NO: &str = "Tidak";
pub const UNSAVED_KEPT: &str = "Materi ini sudah berpindah meja sebelum isian Anda tersimpan. Teks Anda masih ada di bawah ini: salin bila masih diperlukan.";

// Disposition sheet fields
pub const F_AGENDA: &str = "Nomor agenda";
pub const F_DATE: &str = "Tanggal";
pub const F_FROM: &str = "Dari";
pub const F_TO: &str = "Kepada";
pub const F_PERIHAL: &str = "Perihal (kegiatan)";
pub const F_ACTIVITY_DATE: &str = "Tanggal kegiatan";
pub const F_ACTIVITY_PLACE: &str = "Tempat kegiatan";
pub const F_URGENCY: &str = "Sifat";
pub const F_CONFIDENTIAL: &str = "Rahasia";
pub const F_INSTRUCTIONS: &str = "Isi disposisi";
pub const F_DISPOSITION_NOTE: &str = "Catatan disposisi";
pub const F_DEADLINE: &str = "Batas waktu";
pub const F_SIGNED: &str = "Ditandatangani";

// Material fields
pub const F_TITLE: &str = "Judul";
pub const F_SUMMARY: &str = "Ringkasan";
pub const F_BODY: &str = "Isi materi";
/// The body's plain field, for a page whose script has not loaded.
pub const F_BODY_PLAIN: &str = "Isi materi (Markdown: **tebal**, *miring*, ## judul, - daftar)";
pub const F_ACTIVITY_NAME: &str = "Nama kegiatan";
pub const F_CHANNELS: &str = "Kanal tayang";
pub const F_KIP: &str = "Kategori informasi (KIP)";

// Admin
pub const ADMIN_USERS: &str = "Pengguna";
pub const ADMIN_NEW_USER: &str = "Tambah Pengguna";
pub const ADMIN_BACKUP: &str = "Cadangan basis data";
pub const ADMIN_BACKUP_HELP: &str =
    "Seluruh isi basis data (termasuk disposisi rahasia) dalam satu berkas, diambil saat Warta \
     berjalan. Simpan di tempat yang aman; pemulihan dijelaskan di README (warta restore).";
pub const ADMIN_BACKUP_DOWNLOAD: &str = "Unduh cadangan sekarang";
pub const ADMIN_OPEN: &str = "Disposisi terbuka";
pub const ADMIN_OPEN_HELP: &str =
    "Disposisi yang belum selesai. Administrator dapat membatalkan disposisi siapa pun dengan \
     alasan; alasan tercatat di riwayat dan dikirim ke semua pihak dalam rantai. Judul disposisi \
     rahasia tidak ditampilkan.";
pub const ADMIN_OPEN_NONE: &str = "Tidak ada disposisi terbuka.";
pub const CONFIDENTIAL_TITLE_HIDDEN: &str = "(rahasia: judul tidak ditampilkan)";
pub const CANCELLED: &str = "Disposisi dibatalkan.";
pub const F_NAME: &str = "Nama lengkap";
pub const F_NIP: &str = "NIP";
pub const F_POSITION: &str = "Jabatan";
pub const F_ROLES: &str = "Peran";
pub const F_ACTIVE: &str = "Aktif";
pub const SAVE: &str = "Simpan";
pub const RESET_PASSWORD: &str = "Atur Ulang Kata Sandi";
pub const NEW_PASSWORD: &str = "Kata sandi baru";
pub const DEACTIVATE: &str = "Nonaktifkan";
pub const ACTIVATE: &str = "Aktifkan";
pub const USER_SAVED: &str = "Data pengguna tersimpan.";

/// The label on the button that performs a move (DESIGN.md, "button label").
pub fn action_label(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::CreateDisposition => "Buat Disposisi",
        ActionKind::ForwardToSekretariat => "Teruskan ke Sekretariat",
        ActionKind::AcceptDisposition => "Terima Disposisi",
        ActionKind::AssignStaff => "Tugaskan Staf",
        ActionKind::SubmitForCorrection => "Kirim untuk Koreksi",
        ActionKind::SendToVerification => "Kirim ke Verifikasi",
        ActionKind::ReturnToStaff => RETURN_TO_STAFF,
        ActionKind::ReturnForRevision => "Kembalikan untuk Perbaikan",
        ActionKind::Approve => "Setujui",
        ActionKind::ClassifyExempt => CLASSIFY_EXEMPT,
        ActionKind::OrderPublication => "Perintahkan Tayang",
        ActionKind::MarkPublished => "Tandai Sudah Tayang",
        ActionKind::Cancel => CANCEL_ITEM,
    }
}

/// How a move reads in the timeline.
pub fn action_done(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::CreateDisposition => "membuat disposisi",
        ActionKind::ForwardToSekretariat => "meneruskan ke Sekretariat",
        ActionKind::AcceptDisposition => "menerima disposisi",
        ActionKind::AssignStaff => "menugaskan staf",
        ActionKind::SubmitForCorrection => "mengirim materi untuk koreksi",
        ActionKind::SendToVerification => "mengirim materi ke verifikasi",
        ActionKind::ReturnToStaff => "mengembalikan materi ke staf",
        ActionKind::ReturnForRevision => "mengembalikan untuk perbaikan",
        ActionKind::Approve => "menyetujui materi",
        ActionKind::ClassifyExempt => "menetapkan sebagai informasi dikecualikan",
        ActionKind::OrderPublication => "memerintahkan tayang",
        ActionKind::MarkPublished => "menandai sudah tayang",
        ActionKind::Cancel => "membatalkan materi",
    }
}

/// Where the item is, in words.
pub fn state_label(state: State) -> &'static str {
    match state {
        State::AtSekretaris => "Di Sekretaris",
        State::AtSekretariat => "Di Sekretariat",
        State::AcceptedBySekretariat => "Diterima Sekretariat",
        State::Drafting => "Penyusunan materi",
        State::InCorrection => "Koreksi Sekretaris",
        State::InVerification => "Verifikasi",
        State::RevisionRequested => "Perlu perbaikan",
        State::Approved => "Disetujui",
        State::Publishing => "Penayangan",
        State::Published => "Sudah tayang",
        State::Cancelled => "Dibatalkan",
        State::Exempt => EXEMPT_STATE,
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
    format!("{field} langkah {step}")
}
pub const SETTINGS_UNIT: &str = "Satuan waktu";

/// The nine SOP steps, for the step indicator.
pub const STEPS: [&str; 9] = [
    "Disposisi PPID Pembantu",
    "Diteruskan Sekretaris",
    "Diterima Sekretariat",
    "Penugasan staf",
    "Penyusunan materi",
    "Koreksi Sekretaris",
    "Verifikasi Bidang",
    "Perintah tayang",
    "Tayang",
];

pub fn refusal(r: Refusal) -> String {
    match r {
        Refusal::NotInThisState => {
            "Tindakan ini tidak tersedia pada tahap materi saat ini. Muat ulang halaman untuk melihat tahap terbaru."
                .into()
        }
        Refusal::MissingRole(role) => format!(
            "Tindakan ini hanya untuk peran {}. Hubungi Administrator bila peran Anda perlu ditambah.",
            role.label()
        ),
        Refusal::NotAssignee => {
            "Hanya staf yang ditugaskan pada materi ini yang dapat menyusun dan menayangkannya.".into()
        }
        Refusal::OwnMaterial => {
            "Anda ikut menyusun materi ini, sehingga tidak boleh memverifikasinya. Serahkan kepada verifikator lain."
                .into()
        }
        Refusal::NotOriginator => {
            "Hanya PPID Pembantu yang membuat disposisi ini (atau Administrator) yang dapat membatalkannya.".into()
        }
        Refusal::ReasonRequired => {
            "Alasan wajib diisi. Tuliskan apa yang harus diperbaiki atau mengapa dibatalkan.".into()
        }
        Refusal::NoWorkflowRole => "Peran Administrator mengelola akun dan pengaturan, bukan materi: halaman materi \
             hanya terbuka bagi peran alur kerja. Untuk membatalkan disposisi, gunakan halaman Administrasi."
            .into(),
    }
}

pub fn conflict(by: &str, state: State) -> String {
    format!(
        "Materi ini baru saja diproses oleh {by}. Tahap sekarang: {}. Isian Anda masih ada di layar; periksa lalu putuskan kembali.",
        state_label(state)
    )
}

pub fn field_label(field: &str) -> &'static str {
    match field {
        "perihal" => F_PERIHAL,
        "activity_date" => F_ACTIVITY_DATE,
        "activity_place" => F_ACTIVITY_PLACE,
        "urgency" => F_URGENCY,
        "instructions" => F_INSTRUCTIONS,
        "note" => "Catatan",
        "deadline" => F_DEADLINE,
        "to_user" => F_TO,
        "title" => F_TITLE,
        "summary" => F_SUMMARY,
        "body" => "Isi",
        "activity_name" => F_ACTIVITY_NAME,
        "channels" => F_CHANNELS,
        "kip_category" => F_KIP,
        "reason" => F_REASON,
        "username" => USERNAME,
        "password" => PASSWORD,
        "name" => F_NAME,
        "roles" => F_ROLES,
        "staff" => F_STAFF,
        "nip" => F_NIP,
        "position" => F_POSITION,
        "link" => "Tautan",
        "from" => REPORT_FROM,
        "register.unit" => F_UNIT,
        "register.responsible" => F_RESPONSIBLE,
        "register.form" => F_FORM,
        "register.retention" => F_RETENTION,
        "register.consequence_test" => F_CONSEQUENCE,
        "dip_format" => F_DIP_FORMAT,
        "status" => REGISTER_STATUS,
        "to" => REPORT_TO,
        "zone" => SETTINGS_ZONE,
        "letterhead.government" => SETTINGS_GOVERNMENT,
        "letterhead.office" => SETTINGS_OFFICE,
        "letterhead.address" => "Alamat",
        _ => "Isian",
    }
}

pub fn field_required(field: &str) -> String {
    format!("{} wajib diisi.", field_label(field))
}
pub fn field_too_short(field: &str, min: usize) -> String {
    format!(
        "{} terlalu pendek: tulis paling sedikit {min} karakter.",
        field_label(field)
    )
}
pub fn field_too_long(field: &str, max: usize) -> String {
    format!(
        "{} terlalu panjang: paling banyak {max} karakter. Persingkat isiannya.",
        field_label(field)
    )
}
pub fn field_bad_date(field: &str) -> String {
    format!(
        "{} tidak valid. Pilih tanggal dari kalender (format TTTT-BB-HH).",
        field_label(field)
    )
}
pub fn field_choose(field: &str) -> String {
    format!("{}: pilih salah satu pilihan yang tersedia.", field_label(field))
}
pub fn activity_in_future() -> String {
    "Tanggal kegiatan tidak boleh setelah hari ini: disposisi dibuat untuk kegiatan yang telah dilaksanakan.".into()
}
pub fn deadline_in_past() -> String {
    "Batas waktu tidak boleh sebelum hari ini. Pilih tanggal hari ini atau sesudahnya.".into()
}
pub const LINKS_HELP: &str =
    "Catat tautan tiap kanal segera setelah tayang. Setelah semua kanal tercatat, tekan \"Tandai Sudah Tayang\".";
pub const LINK_NOT_YET: &str = "Belum tercatat.";
pub const SAVE_LINK: &str = "Simpan Tautan";
/// When and by whom a channel's link was recorded.
pub fn link_recorded(by: Option<&str>, at: Option<String>) -> String {
    match (by, at) {
        (Some(by), Some(at)) => format!("Tercatat {at} oleh {by}."),
        (None, Some(at)) => format!("Tercatat {at}."),
        _ => "Tercatat.".into(),
    }
}
pub fn link_label(channel: Channel) -> String {
    format!("Tautan {}", channel.label())
}
pub fn link_required(channel: Channel) -> String {
    format!(
        "Tautan tayang {} wajib diisi: tempel alamat unggahan sebagai bukti.",
        channel.label()
    )
}
pub fn link_invalid(channel: Channel) -> String {
    format!(
        "Tautan tayang {} bukan alamat web yang valid. Salin alamat lengkap yang diawali https://.",
        channel.label()
    )
}
pub fn staff_not_eligible() -> String {
    "Pengguna yang dipilih bukan Staf Sekretariat yang aktif. Pilih staf dari daftar.".into()
}
pub fn recipient_not_sekretaris() -> String {
    "Penerima disposisi harus Sekretaris yang aktif. Pilih dari daftar.".into()
}
pub fn draft_missing() -> String {
    "Materi belum lengkap. Isi dan simpan draf terlebih dahulu, lalu kirim untuk koreksi.".into()
}
pub fn username_taken() -> String {
    "Nama pengguna sudah dipakai. Pilih nama pengguna lain.".into()
}
pub fn username_invalid() -> String {
    "Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.".into()
}
pub const PASSWORD_CHANGE_REQUIRED: &str =
    "Kata sandi Anda diatur oleh Administrator. Ganti dengan kata sandi Anda sendiri terlebih dahulu.";
pub const PASSWORD_TITLE: &str = "Ganti Kata Sandi";
pub const PASSWORD_HELP: &str =
    "Paling sedikit 10 karakter dan tidak mudah ditebak: frasa dari beberapa kata acak lebih baik \
     daripada satu kata dengan angka. Setelah diganti, sesi Anda di perangkat lain berakhir.";
pub const PASSWORD_CURRENT: &str = "Kata sandi saat ini";
pub const PASSWORD_NEW: &str = "Kata sandi baru";
pub const PASSWORD_REPEAT: &str = "Ulangi kata sandi baru";
pub const PASSWORD_MISMATCH: &str = "Kedua isian kata sandi baru tidak sama.";
pub const PASSWORD_CHANGED: &str = "Kata sandi diganti.";
pub const PASSWORD_SUBMIT: &str = "Ganti Kata Sandi";
pub const NAV_PASSWORD: &str = "Kata sandi";
pub const PASSWORD_WEAK: &str = "Kata sandi ini mudah ditebak (kata umum, nama, nama kantor, atau pola). \
     Gunakan frasa panjang dari beberapa kata acak, misalnya empat kata yang tidak berhubungan.";
pub const PASSWORD_WRONG: &str = "Kata sandi saat ini tidak cocok. Ketik kata sandi yang Anda pakai untuk masuk.";
pub fn password_too_short(min: usize) -> String {
    format!("Kata sandi paling sedikit {min} karakter.")
}
pub fn roles_required() -> String {
    "Pilih paling sedikit satu peran.".into()
}
pub fn last_admin() -> String {
    "Administrator aktif terakhir tidak dapat dinonaktifkan atau dicabut perannya. Tambahkan administrator lain terlebih dahulu.".into()
}

// Settings (Pengaturan): calendar, mutu baku, letterhead.
pub const NAV_SETTINGS: &str = "Pengaturan";
pub const SETTINGS_TITLE: &str = "Pengaturan Kantor dan Mutu Baku";
pub const SETTINGS_INTRO: &str = "Perubahan berlaku untuk tahap yang dimulai sesudah disimpan; tahap yang sedang berjalan tetap memakai mutu baku saat tahap itu dimulai.";
pub const SETTINGS_CALENDAR: &str = "Kalender kerja";
pub const SETTINGS_ZONE: &str = "Zona waktu kantor";
pub const SETTINGS_DAYS: &str = "Hari kerja";
pub const SETTINGS_OPENS: &str = "Jam masuk";
pub const SETTINGS_CLOSES: &str = "Jam pulang";
pub const SETTINGS_STANDARDS: &str = "Mutu baku per langkah";
pub const SETTINGS_UNIT_HOURS: &str = "jam kerja";
pub const SETTINGS_UNIT_DAYS: &str = "hari kerja";
pub const SETTINGS_KELENGKAPAN_HINT: &str = "Satu kelengkapan per baris";
pub const SETTINGS_SHARES: &str = "Target lebih singkat untuk materi mendesak (persen dari target biasa)";
pub const SETTINGS_SANGAT_SEGERA: &str = "Disposisi sangat segera (%)";
pub const SETTINGS_SERTA_MERTA: &str = "Informasi serta merta (%)";
pub const SETTINGS_LETTERHEAD: &str = "Kop surat";
pub const SETTINGS_GOVERNMENT: &str = "Nama pemerintah daerah";
pub const SETTINGS_OFFICE: &str = "Nama kantor";
pub const SETTINGS_ADDRESS: &str = "Alamat, telepon, surel, laman (satu per baris)";
pub const SETTINGS_LOGO: &str = "Logo (PNG, JPEG atau SVG)";
pub const SETTINGS_LOGO_UNSAVED: &str = "Logo baru dipilih; tampil setelah pengaturan disimpan.";
pub const SETTINGS_LOGO_REMOVE: &str = "Hapus logo";
pub const SETTINGS_SAVE: &str = "Simpan Pengaturan";
pub const SETTINGS_SAVED: &str = "Pengaturan disimpan. Berlaku untuk tahap yang dimulai mulai sekarang.";
pub const SETTINGS_CHANGED_ELSEWHERE: &str = "Pengaturan telah diubah oleh pengguna lain sejak halaman ini dibuka. Isian Anda masih ada: muat ulang untuk melihat perubahan, lalu simpan lagi.";
pub const HOLIDAYS: &str = "Hari libur nasional dan cuti bersama";
pub const HOLIDAYS_YEAR: &str = "Tahun";
pub const HOLIDAYS_HINT: &str = "Satu tanggal per baris, diikuti keterangannya, misalnya: 2026-12-25 Hari Raya Natal";
pub const HOLIDAYS_SAVE: &str = "Simpan Hari Libur";
pub const HOLIDAYS_SAVED: &str = "Hari libur tahun ini disimpan.";
pub const WEEKDAYS: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

pub fn settings_bad_time() -> String {
    "Jam tidak valid. Tulis dengan format JJ:MM, misalnya 08:00.".into()
}
pub fn settings_bad_percent(min: u8, max: u8) -> String {
    format!("Persentase harus bilangan bulat dari {min} sampai {max}.")
}
pub fn settings_no_working_day() -> String {
    "Pilih paling sedikit satu hari kerja.".into()
}
pub fn settings_closes_before_opening() -> String {
    "Jam pulang harus sesudah jam masuk.".into()
}
pub fn settings_nine_steps() -> String {
    "Mutu baku harus diisi untuk kesembilan langkah SOP. Muat ulang halaman lalu isi kembali.".into()
}
pub fn settings_bad_kelengkapan(step: u8) -> String {
    format!("Kelengkapan langkah {step}: tulis paling sedikit satu kelengkapan, satu per baris, masing-masing paling banyak 80 karakter.")
}
pub fn settings_bad_target(step: u8, max_hours: u32, max_days: u32) -> String {
    format!(
        "Waktu langkah {step}: isi bilangan bulat 1 sampai {max_hours} jam kerja, atau 1 sampai {max_days} hari kerja."
    )
}
pub fn settings_bad_output(step: u8) -> String {
    format!("Output langkah {step} wajib diisi, paling banyak 120 karakter.")
}
pub fn settings_bad_logo(max_kib: usize) -> String {
    format!("Logo harus berkas PNG, JPEG atau SVG paling besar {max_kib} KB. Pilih berkas lain.")
}
pub fn holiday_bad_line(line: usize) -> String {
    format!("Baris {line}: tanggal tidak dikenali. Tulis tanggal di awal baris, misalnya 2026-12-25 Hari Raya Natal.")
}
pub fn holiday_wrong_year(line: usize, year: i32) -> String {
    format!("Baris {line}: tanggal itu bukan di tahun {year}. Masukkan hari libur tahun lain lewat pilihan tahunnya.")
}

// Printed documents.
pub const PRINT_DISPOSITION_TITLE: &str = "LEMBAR DISPOSISI";
pub const PRINT_RECORD_TITLE: &str = "REKAM JEJAK MATERI PUBLIKASI";
pub const PRINT_ACTIVITY: &str = "Tanggal dan tempat kegiatan";
pub const PRINT_FINAL_MATERIAL: &str = "Materi Akhir";
pub const PRINT_WHEN: &str = "Waktu";
pub const PRINT_WHO: &str = "Pelaksana";
pub const PRINT_ACTION: &str = "Tindakan";
pub const PRINT_NOTE: &str = "Catatan";
pub const PRINT_LINK_DISPOSITION: &str = "Cetak Lembar Disposisi";
pub const PRINT_LINK_RECORD: &str = "Cetak Rekam Jejak";

// Reports (Laporan).
pub const NAV_REPORTS: &str = "Laporan";
pub const REPORT_TITLE: &str = "Laporan Kinerja Publikasi";
pub const REPORT_INTRO: &str = "Waktu dihitung dalam jam kerja kantor sejak materi tiba di meja sampai tindakan berikutnya, dibanding mutu baku yang berlaku saat tahap itu dimulai.";
pub const REPORT_FROM: &str = "Dari tanggal";
pub const REPORT_TO: &str = "Sampai tanggal";
pub const REPORT_SHOW: &str = "Tampilkan";
pub const REPORT_STARTED: &str = "Disposisi dibuat";
pub const REPORT_FINISHED: &str = "Sudah tayang";
pub const REPORT_CANCELLED: &str = "Dibatalkan";
pub const REPORT_EXEMPT: &str = "Dikecualikan";
pub const REPORT_BOTTLENECK: &str = "Hambatan utama";
pub const NONE_LATE: &str = "Tidak ada tahap yang terlambat";
pub const REPORT_SUMMARY: &str = "Ringkasan";
pub const REPORT_SUMMARY_COLUMNS: [&str; 7] = [
    "Dari tanggal",
    "Sampai tanggal",
    "Disposisi dibuat",
    "Sudah tayang",
    "Dibatalkan",
    "Dikecualikan",
    "Hambatan utama",
];
pub const REPORT_STEPS: &str = "Waktu per Langkah";
pub const REPORT_STEP_COLUMNS: [&str; 8] = [
    "No",
    "Langkah",
    "Jumlah",
    "Median (jam kerja)",
    "Persentil 90 (jam kerja)",
    "Target (jam kerja)",
    "Tepat waktu",
    "Kelebihan waktu (jam kerja)",
];
pub const REPORT_PEOPLE: &str = "Kinerja per Pegawai";
pub const REPORT_PEOPLE_COLUMNS: [&str; 4] = ["Nama", "Materi ditangani", "Tindakan", "Tepat waktu"];
pub const REPORT_CHANNELS: &str = "Tayang per Kanal";
pub const REPORT_CHANNEL_COLUMNS: [&str; 2] = ["Kanal", "Jumlah materi"];
pub const REPORT_KIP: &str = "Tayang per Kategori Informasi";
pub const REPORT_KIP_COLUMNS: [&str; 2] = ["Kategori informasi", "Jumlah materi"];
pub const REPORT_CHART: &str = "Grafik waktu per langkah (median dan persentil 90 dibanding target, jam kerja)";
pub const REPORT_LEGEND_MEDIAN: &str = "Median";
pub const REPORT_LEGEND_P90: &str = "Persentil 90";
pub const REPORT_LEGEND_TARGET: &str = "Target";
pub const EXPORT_XLSX: &str = "Unduh XLSX";
pub const EXPORT_CSV: &str = "CSV";
pub const REPORT_STEP1_NOTE: &str = "Langkah 1 dicatat saat lembar disposisi dibuat di Warta, sehingga waktunya nol.";

pub fn step_name(step: u8) -> String {
    let name = STEPS.get(usize::from(step).wrapping_sub(1)).copied().unwrap_or("-");
    format!("{step}. {name}")
}
pub fn period_reversed() -> String {
    "Tanggal akhir harus sama dengan atau sesudah tanggal awal.".into()
}
pub fn period_too_long(years: u32) -> String {
    format!("Periode laporan paling panjang {years} tahun. Persempit rentang tanggalnya.")
}
pub fn export_unknown_table() -> String {
    "Tabel yang diminta tidak ada. Unduh dari tautan di halaman Laporan.".into()
}
pub fn export_unknown_format() -> String {
    "Format unduhan harus xlsx atau csv. Unduh dari tautan di halaman Laporan atau Daftar Informasi.".into()
}

// The register (Daftar Informasi Publik).
pub const F_UNIT: &str = "Pejabat atau unit yang menguasai informasi";
pub const F_RESPONSIBLE: &str = "Penanggung jawab pembuatan atau penerbitan";
pub const F_FORM: &str = "Bentuk informasi yang tersedia";
pub const F_RETENTION: &str = "Jangka waktu penyimpanan (retensi)";
pub const F_CONSEQUENCE: &str = "Uji konsekuensi (wajib untuk informasi dikecualikan)";
pub const F_DIP_NO: &str = "Nomor DIP";
pub const F_DIP_FORMAT: &str = "Format nomor DIP ({tahun} dan {nomor} wajib ada)";
pub const SECTION_REGISTER: &str = "Daftar Informasi Publik";
pub const CHOOSE: &str = "— pilih —";

pub fn dip_format_invalid() -> String {
    "Format nomor DIP harus memuat {tahun} dan {nomor}, paling banyak 60 karakter, misalnya DIP/{tahun}/{nomor}.".into()
}
/// The register's completeness while the material is written ("3 isian DIP belum lengkap").
pub fn register_status(missing: &[&str]) -> String {
    if missing.is_empty() {
        return "Isian DIP lengkap.".into();
    }
    let names: Vec<&str> = missing.iter().map(|f| field_label(f)).collect();
    format!(
        "{} isian DIP belum lengkap: {}. Lengkapi sebelum dikirim ke verifikasi.",
        missing.len(),
        names.join("; ")
    )
}

pub fn register_missing(fields: &[String]) -> String {
    let names: Vec<&str> = fields.iter().map(|f| field_label(f)).collect();
    format!(
        "Materi belum dapat diverifikasi: isian Daftar Informasi Publik belum lengkap ({}). Kembalikan untuk perbaikan agar isian itu dilengkapi.",
        names.join("; ")
    )
}
pub const SERTA_MERTA: &str = "Serta merta";

// The public portal.
pub const PORTAL_INFO: &str = "Informasi Publik";
pub const PORTAL_DESCRIPTION: &str =
    "Informasi publik yang telah diterbitkan, dapat dicari menurut kata, kategori dan tahun.";
pub const PORTAL_DIP_DESCRIPTION: &str =
    "Daftar Informasi Publik sesuai UU 14/2008 dan Peraturan Komisi Informasi, dengan data terbuka CSV, JSON dan XLSX.";
pub const PORTAL_FEED: &str = "Informasi terbaru (Atom)";
pub const PORTAL_FOOTER: &str =
    "Informasi ini diterbitkan berdasarkan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.";
pub const PORTAL_SEARCH: &str = "Cari informasi";
pub const PORTAL_SEARCH_HINT: &str = "misalnya: rapat koordinasi";
pub const PORTAL_SEARCH_BUTTON: &str = "Cari";
pub const PORTAL_ALL: &str = "Semua";
pub const PORTAL_PAGES: &str = "Halaman";
pub const PORTAL_PREV: &str = "« Sebelumnya";
pub const PORTAL_NEXT: &str = "Berikutnya »";
pub const PORTAL_PUBLISHED: &str = "Diterbitkan";
pub const PORTAL_LINKS: &str = "Juga diterbitkan di";
pub const PORTAL_DOWNLOAD: &str = "Unduh data terbuka:";
pub const PORTAL_NOT_FOUND: &str =
    "Informasi yang dicari tidak ditemukan. Kembali ke daftar informasi publik lalu cari kembali.";
pub const PORTAL_ERROR_TITLE: &str = "Permintaan tidak dapat dilayani";
pub const PORTAL_BACK: &str = "Kembali ke daftar informasi publik";
pub const PORTAL_BAD_CATEGORY: &str =
    "Kategori informasi tidak dikenal. Pilih kategori dari daftar pada halaman pencarian.";
pub const PORTAL_BAD_YEAR: &str = "Tahun tidak valid. Pilih tahun dari daftar pada halaman pencarian.";
pub const PORTAL_BAD_PAGE: &str = "Nomor halaman tidak valid. Kembali ke halaman pertama daftar informasi.";
pub const DIP_COLUMNS: [&str; 7] = [
    "Nomor",
    "Ringkasan isi informasi",
    "Pejabat atau unit yang menguasai informasi",
    "Penanggung jawab pembuatan atau penerbitan informasi",
    "Waktu dan tempat pembuatan informasi",
    "Bentuk informasi yang tersedia",
    "Jangka waktu penyimpanan atau retensi arsip",
];
pub const DIP_EXPORT_COLUMNS: [&str; 11] = [
    "Nomor",
    "Ringkasan isi informasi",
    "Pejabat atau unit yang menguasai informasi",
    "Penanggung jawab pembuatan atau penerbitan informasi",
    "Waktu pembuatan",
    "Tempat pembuatan",
    "Bentuk informasi yang tersedia",
    "Jangka waktu penyimpanan atau retensi arsip",
    "Kategori informasi",
    "Judul",
    "Tautan",
];

pub fn portal_count(n: u32) -> String {
    format!("{} informasi ditemukan", crate::domain::table::format_int(n.into()))
}
pub fn portal_page(page: u32, pages: u32) -> String {
    format!("Halaman {page} dari {pages}")
}
pub const NAV_REGISTER: &str = "Daftar Informasi";
pub const REGISTER_TITLE: &str = "Daftar Informasi";
pub const REGISTER_INTRO: &str = "Semua materi dalam proses dan yang telah tayang, dengan kolom Daftar Informasi Publik. Informasi dikecualikan tercatat di sini (status \"Dikecualikan, tidak dipublikasikan\": daftar informasi dikecualikan, dengan uji konsekuensinya) tetapi tidak pernah tampil di portal publik.";
pub const REGISTER_STATUS: &str = "Status";
pub const REGISTER_IN_PROCESS: &str = "Dalam proses";
pub const REGISTER_EXEMPT: &str = "Dikecualikan, tidak dipublikasikan";
pub const REGISTER_PUBLISHED: &str = "Sudah tayang";
pub const REGISTER_SEARCH: &str = "Cari judul, ringkasan, nomor";
pub const REGISTER_FILTER: &str = "Saring";
pub const REGISTER_COLUMNS: [&str; 14] = [
    "Nomor agenda",
    "Nomor DIP",
    "Judul",
    "Ringkasan isi informasi",
    "Pejabat atau unit yang menguasai informasi",
    "Penanggung jawab pembuatan atau penerbitan informasi",
    "Waktu pembuatan",
    "Tempat pembuatan",
    "Bentuk informasi yang tersedia",
    "Jangka waktu penyimpanan atau retensi arsip",
    "Kategori informasi",
    "Status",
    "Tautan",
    "Uji konsekuensi",
];
pub const BERKALA_DUE: &str = "Informasi berkala yang jatuh tempo diperbarui (30 hari ke depan)";
pub fn berkala_due_line(title: &str, due: &str) -> String {
    format!("{title} — perbarui paling lambat {due}")
}
pub fn portal_page_only(page: u32) -> String {
    format!("Halaman {page}")
}
pub fn due_on(date: &str) -> String {
    format!("Diperbarui paling lambat {date}")
}

// Errors: every code the server and the domain refuse with, rendered here and only here.

pub const STORAGE_FULL: &str = "Ruang penyimpanan server hampir habis, sehingga perubahan tidak disimpan. Isian Anda masih ada di layar: coba lagi nanti dan beri tahu Administrator.";
pub const FORM_EXPIRED: &str =
    "Formulir ini sudah kedaluwarsa atau tidak berasal dari halaman Warta. Muat ulang halaman, lalu kirim lagi.";
pub const CROSS_SITE: &str =
    "Permintaan ini datang dari halaman situs lain, sehingga ditolak dan tidak ada yang berubah. \
     Buka Warta langsung dari alamatnya, lalu coba lagi.";
pub const ACCOUNT_LOCKED: &str = "Akun ini dikunci karena terlalu banyak percobaan masuk yang gagal. \
     Minta Administrator membukanya dengan mengatur ulang kata sandi Anda.";

/// Too many failed logins: when to try again.
pub fn too_many_attempts(seconds: i64) -> String {
    let wait = if seconds >= 60 {
        format!("{} menit", (seconds + 59) / 60)
    } else {
        format!("{seconds} detik")
    };
    format!("Terlalu banyak percobaan masuk yang gagal. Tunggu {wait}, lalu coba lagi dengan kata sandi yang benar.")
}

pub const NOT_JSON: &str = "Permintaan harus dikirim sebagai JSON (Content-Type: application/json).";
pub const STORAGE_FAILED: &str =
    "Penyimpanan server gagal menulis (disk penuh atau rusak), sehingga perubahan tidak disimpan. \
     Isian Anda masih ada di layar. Beri tahu Administrator: periksa disk, lalu mulai ulang Warta.";
pub const HEALTH_STORAGE_FAILED: &str =
    "penyimpanan gagal menulis (disk penuh atau galat I/O): tulisan ditolak sampai disk diperiksa dan Warta dimulai ulang";
pub const HEALTH_DISK_LOW: &str = "ruang disk di bawah batas WARTA_MIN_FREE_MB: tulisan ditolak";
pub const EXEMPT_NOT_PUBLISHED: &str = "Materi ini berkategori Informasi Dikecualikan, yang tidak ditayangkan. Pilih \"Tetapkan Dikecualikan\" dengan uji konsekuensinya, atau kembalikan untuk perbaikan bila kategorinya keliru.";
pub const FORM_KEY_INVALID: &str = "Formulir ini tidak dikenali. Muat ulang halaman, lalu kirim kembali isiannya.";
pub const TRANSPORT: &str =
    "Koneksi ke server terputus atau permintaan tidak dapat dikirim. Periksa jaringan lalu coba lagi.";

/// What the user reads for a refused field.
pub fn problem(field: &str, p: &Problem) -> String {
    match p {
        Problem::Required => field_required(field),
        Problem::ReasonRequired => refusal(Refusal::ReasonRequired),
        Problem::TooShort { min } => field_too_short(field, *min),
        Problem::TooLong { max } => field_too_long(field, *max),
        Problem::BadDate => field_bad_date(field),
        Problem::Choose => field_choose(field),
        Problem::ActivityInFuture => activity_in_future(),
        Problem::DeadlineInPast => deadline_in_past(),
        Problem::LinkRequired { channel } => link_required(*channel),
        Problem::LinkInvalid { channel } => link_invalid(*channel),
        Problem::StaffNotEligible => staff_not_eligible(),
        Problem::RecipientNotSekretaris => recipient_not_sekretaris(),
        Problem::FormKeyInvalid => FORM_KEY_INVALID.into(),
        Problem::DraftMissing => draft_missing(),
        Problem::RegisterMissing { fields } => register_missing(fields),
        Problem::ExemptNotPublished => EXEMPT_NOT_PUBLISHED.into(),
        Problem::ChecklistUnknown { item } => checklist_unknown(item),
        Problem::UsernameTaken => username_taken(),
        Problem::UsernameInvalid => username_invalid(),
        Problem::PasswordTooShort { min } => password_too_short(*min),
        Problem::PasswordWeak => PASSWORD_WEAK.into(),
        Problem::TooDeep { max } => format!("Isi terlalu bertingkat (kutipan atau daftar bersarang paling dalam {max} tingkat) atau memuat terlalu banyak tag HTML. Sederhanakan susunannya."),
        Problem::PasswordWrong => PASSWORD_WRONG.into(),
        Problem::PasswordMismatch => PASSWORD_MISMATCH.into(),
        Problem::RolesRequired => roles_required(),
        Problem::LastAdmin => last_admin(),
        Problem::BadTime => settings_bad_time(),
        Problem::BadPercent { min, max } => settings_bad_percent(*min, *max),
        Problem::NoWorkingDay => settings_no_working_day(),
        Problem::ClosesBeforeOpening => settings_closes_before_opening(),
        Problem::NineSteps => settings_nine_steps(),
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
        Problem::PeriodReversed => period_reversed(),
        Problem::PeriodTooLong { years } => period_too_long(*years),
        Problem::DipFormatInvalid => dip_format_invalid(),
        Problem::UnknownTable => export_unknown_table(),
        Problem::UnknownFormat => export_unknown_format(),
        Problem::BadYear => PORTAL_BAD_YEAR.into(),
    }
}

/// Several fields of one form refused at once.
fn fields_to_fix(messages: Vec<String>) -> String {
    format!("{} isian perlu diperbaiki: {}", messages.len(), messages.join(" "))
}

pub fn field_error(e: &FieldError) -> String {
    problem(&e.field, &e.problem)
}

/// What the user reads for an error of a server function.
pub fn app_error(e: &AppError) -> String {
    match e {
        AppError::Unauthenticated => NOT_LOGGED_IN.into(),
        AppError::LoginFailed => LOGIN_FAILED.into(),
        AppError::Forbidden(None) => FORBIDDEN.into(),
        AppError::Forbidden(Some(r)) => refusal(*r),
        AppError::NotFound => NOT_FOUND.into(),
        AppError::CrossSite => CROSS_SITE.into(),
        AppError::FormExpired => FORM_EXPIRED.into(),
        AppError::TooLarge { max_kib } => format!(
            "Isian terlalu besar (paling banyak {max_kib} KB). Perpendek teks atau perkecil berkas, lalu kirim lagi."
        ),
        AppError::PasswordChangeRequired => PASSWORD_CHANGE_REQUIRED.into(),
        AppError::TooManyAttempts { wait_seconds } => too_many_attempts(*wait_seconds),
        AppError::AccountLocked => ACCOUNT_LOCKED.into(),
        AppError::NotJson => NOT_JSON.into(),
        AppError::Invalid(f) if f.others.is_empty() => field_error(f),
        AppError::Invalid(f) => fields_to_fix(f.all().map(field_error).collect()),
        AppError::Refused(Outdated::NotInThisState) => refusal(Refusal::NotInThisState),
        AppError::Refused(Outdated::SettingsChangedElsewhere) => SETTINGS_CHANGED_ELSEWHERE.into(),
        AppError::Conflict { by, state, .. } => conflict(by, *state),
        AppError::Refused(Outdated::DraftChangedElsewhere) => DRAFT_CHANGED_ELSEWHERE.into(),
        AppError::DraftConflict(c) => draft_conflict(&c.by),
        AppError::StorageFull => STORAGE_FULL.into(),
        AppError::StorageFailed => STORAGE_FAILED.into(),
        AppError::Internal => INTERNAL.into(),
        AppError::Transport(detail) => format!("{TRANSPORT} ({detail})"),
    }
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
