//! Photos and documents on the material (issue 17, point 1): an upload is judged by its content,
//! cut off at the limit while it arrives, turned upright and stored without the camera's
//! metadata (location above all), fetched only by whoever may see the item, and nothing refused
//! or unreferenced stays behind.
#![cfg(feature = "ssr")]

mod common;

use app::domain::media::MediaLimits;
use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use common::oneshot::{app_storing_in, login};
use common::World;
use futures::StreamExt;
use server::media::{MediaStore, Stored};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tower::ServiceExt;

const TOKEN_COOKIE: &str = "__Host-warta_form";
const BOUNDARY: &str = "----wartaBerkasUji8hd7Wq";

/// A router storing in a directory of its own (each test's files are its own), and that store.
fn setup(w: &World) -> (axum::Router, MediaStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (app_storing_in(w, dir.path()), MediaStore::new(dir.path()), dir)
}

/// A browser's session on the test router, with its form token.
async fn browser(app: &axum::Router, username: &str) -> (String, String) {
    let token = "ab".repeat(32);
    (format!("{}; {TOKEN_COOKIE}={token}", login(app, username).await), token)
}

/// The upload form's body: the token, the file, then its caption and alt text.
fn form(token: &str, name: &str, file: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{token}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(
        format!(
            "\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nUpacara di halaman kantor\r\n\
             --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nPeserta upacara berbaris\r\n--{BOUNDARY}--\r\n"
        )
        .as_bytes(),
    );
    body
}

struct Answer {
    status: StatusCode,
    json: serde_json::Value,
}

async fn post(app: &axum::Router, path: &str, cookie: &str, body: Body) -> Answer {
    let req = Request::post(path)
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .header("accept", "application/json")
        .header("cookie", cookie)
        .body(body)
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = to_bytes(res.into_body(), 1 << 20).await.unwrap();
    Answer {
        status,
        json: serde_json::from_slice(&bytes).unwrap_or_default(),
    }
}

async fn upload(app: &axum::Router, id: &str, cookie: &str, token: &str, name: &str, file: &[u8]) -> Answer {
    post(
        app,
        &format!("/materi/{id}/berkas"),
        cookie,
        Body::from(form(token, name, file)),
    )
    .await
}

async fn fetch(app: &axum::Router, path: &str, cookie: Option<&str>) -> (StatusCode, Vec<u8>) {
    let (status, _, bytes) = common::oneshot::get(app, path, cookie).await;
    (status, bytes)
}

/// A JPEG 64 px wide and 32 px tall (red on the left, blue on the right) as a phone writes it:
/// with EXIF saying "turn 90° clockwise to show" and where it was taken.
fn phone_photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 32, |x, _| {
        if x < 32 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    // TIFF, little endian: IFD0 (orientation 6, pointer to the GPS IFD), the GPS IFD (latitude
    // 6° 10' 0" S), then the latitude's three rationals.
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend_from_slice(&kind.to_le_bytes());
        e.extend_from_slice(&count.to_le_bytes());
        e.extend_from_slice(&value.to_le_bytes());
        e
    };
    let ifd0_len = 2 + 2 * 12 + 4;
    let gps_at = 8 + ifd0_len as u32;
    let gps_len = 2 + 2 * 12 + 4;
    let rationals_at = gps_at + gps_len as u32;
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, 6));
    tiff.extend(entry(0x8825, 4, 1, gps_at));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"S\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, rationals_at));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(6u32, 1u32), (10, 1), (0, 1)] {
        tiff.extend_from_slice(&n.to_le_bytes());
        tiff.extend_from_slice(&d.to_le_bytes());
    }
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend(app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// The photo's metadata as a reader of EXIF sees it (none: it has none).
fn exif_of(bytes: &[u8]) -> Option<exif::Exif> {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()
}

/// An item at the drafting desk of the staff member, confidential: only its chain sees it.
async fn drafting(w: &World) -> String {
    let id = w.create_confidential().await;
    w.assigned_to(&id, &w.staf).await;
    id
}

#[tokio::test]
async fn a_phone_photo_is_turned_upright_and_no_stored_copy_keeps_its_location() {
    let w = World::new().await;
    let (app, store, _dir) = setup(&w);
    let id = drafting(&w).await;
    let photo = phone_photo();
    let fixture = exif_of(&photo).expect("the fixture carries EXIF");
    assert!(
        fixture.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY).is_some(),
        "and a location"
    );

    let (staf, token) = browser(&app, "staf").await;
    let r = upload(&app, &id, &staf, &token, "IMG_0001.jpg", &photo).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let media = r.json["id"].as_str().unwrap().to_string();

    for copy in ["asli", "web", "kecil"] {
        let (status, bytes) = fetch(&app, &format!("/berkas/{media}/{copy}"), Some(&staf)).await;
        assert_eq!(status, StatusCode::OK, "{copy}");
        assert!(exif_of(&bytes).is_none(), "{copy}: no EXIF at all");
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{copy}: no Exif segment");
        let img = image::load_from_memory(&bytes).unwrap();
        // Upright: the 64×32 photo shown turned, so taller than wide, red on top.
        assert!(img.height() > img.width(), "{copy}: {}x{}", img.width(), img.height());
        let top = img.to_rgb8().get_pixel(img.width() / 2, 2).0;
        assert!(top[0] > 150 && top[2] < 100, "{copy}: red on top, got {top:?}");
    }
    // And on disk, every file of the photo.
    let records = app::server::items::media::media_of(&w.state.db, &w.staf, &id)
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].width, records[0].height), (Some(32), Some(64)));
    assert_eq!(records[0].name, "IMG_0001.jpg");
    assert_eq!(records[0].caption, "Upacara di halaman kantor");
    for copy in app::domain::media::Copy::ALL {
        let path = store.path(&records[0].hash, Stored::Photo(copy)).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(exif_of(&bytes).is_none(), "{}", path.display());
    }
}

#[tokio::test]
async fn a_renamed_program_is_refused_by_its_content_and_leaves_nothing() {
    let w = World::new().await;
    let (app, store, _dir) = setup(&w);
    let id = drafting(&w).await;
    let (staf, token) = browser(&app, "staf").await;
    let mut program = b"\x7fELF\x02\x01\x01\0".to_vec();
    program.extend(std::iter::repeat_n(0x90u8, 4096));
    let r = upload(&app, &id, &staf, &token, "foto-kegiatan.jpg", &program).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["Invalid"]["problem"]["code"], "file_type_refused", "{}", r.json);
    // The page's script shows the server's own words for it.
    assert!(
        r.json["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Jenis berkas ini tidak diterima"),
        "{}",
        r.json
    );
    assert!(app::server::items::media::media_of(&w.state.db, &w.staf, &id)
        .await
        .unwrap()
        .is_empty());
    let hash = server::media::store::hash_of(&program);
    assert!(store
        .path(&hash, Stored::Photo(app::domain::media::Copy::Full))
        .is_some_and(|p| !p.exists()));

    // A photo that is not one (a JPEG's start, then noise): refused as unreadable.
    let mut broken = phone_photo()[..200].to_vec();
    broken.extend(std::iter::repeat_n(7u8, 500));
    let r = upload(&app, &id, &staf, &token, "rusak.jpg", &broken).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["Invalid"]["problem"]["code"], "photo_unreadable", "{}", r.json);
}

#[tokio::test]
async fn an_upload_over_the_limit_is_cut_off_while_it_arrives() {
    let w = World::new().await;
    let (app, store, _dir) = setup(&w);
    let id = drafting(&w).await;
    let (staf, token) = browser(&app, "staf").await;
    let limit = MediaLimits::default().max_file_bytes() as usize;

    // 30 MB sent in pieces without announcing its length: the server reads up to the limit and
    // stops; most of the body is never read.
    let pulled = Arc::new(AtomicUsize::new(0));
    let start = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{token}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"besar.jpg\"\r\n\r\n"
    )
    .into_bytes();
    let end = format!("\r\n--{BOUNDARY}--\r\n").into_bytes();
    let piece = vec![0xFFu8; 64 * 1024];
    let total = 30_000_000 / piece.len();
    let counted = pulled.clone();
    let pieces = futures::stream::iter(
        std::iter::once(start)
            .chain(std::iter::repeat_n(piece, total))
            .chain(std::iter::once(end)),
    )
    // Each piece arrives a moment after the last, as over a network (a reader takes what has
    // arrived, not what is still to come).
    .then(|chunk| async move {
        tokio::task::yield_now().await;
        chunk
    })
    .map(move |chunk| {
        counted.fetch_add(chunk.len(), Ordering::SeqCst);
        Ok::<_, std::io::Error>(axum::body::Bytes::from(chunk))
    });
    let r = post(&app, &format!("/materi/{id}/berkas"), &staf, Body::from_stream(pieces)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["Invalid"]["problem"]["code"], "file_too_large", "{}", r.json);
    assert_eq!(r.json["Invalid"]["problem"]["max_mb"], 10);
    let read = pulled.load(Ordering::SeqCst);
    assert!(read < limit + 2_000_000, "read {read} bytes of 30 MB");

    // One that announces a length over any upload's ceiling is refused before a byte is read.
    let req = Request::post(format!("/materi/{id}/berkas"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .header("content-length", (server::media::MAX_UPLOAD_BODY + 1).to_string())
        .header("cookie", &staf)
        .body(Body::from_stream(futures::stream::pending::<
            Result<axum::body::Bytes, std::io::Error>,
        >()))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(app::server::items::media::media_of(&w.state.db, &w.staf, &id)
        .await
        .unwrap()
        .is_empty());
    let (stored, temporary) = store.older_than(std::time::Duration::ZERO);
    assert!(
        stored.is_empty() && temporary.is_empty(),
        "nothing left behind: {stored:?} {temporary:?}"
    );
}

#[tokio::test]
async fn only_those_who_may_see_the_item_get_its_files_and_only_its_editor_adds_them() {
    let w = World::new().await;
    let (app, _store, _dir) = setup(&w);
    let id = drafting(&w).await;
    let (staf, token) = browser(&app, "staf").await;
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec();
    let r = upload(&app, &id, &staf, &token, "Undangan rapat.pdf", &pdf).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let media = r.json["id"].as_str().unwrap().to_string();
    let path = format!("/berkas/{media}/unduh");

    let (status, bytes) = fetch(&app, &path, Some(&staf)).await;
    assert_eq!((status, bytes), (StatusCode::OK, pdf.clone()), "the editor gets it");
    let (sekretaris, _) = browser(&app, "sekretaris").await;
    assert_eq!(
        fetch(&app, &path, Some(&sekretaris)).await.0,
        StatusCode::OK,
        "its chain gets it"
    );
    let (verifikator, vtoken) = browser(&app, "verifikator").await;
    assert_eq!(
        fetch(&app, &path, Some(&verifikator)).await.0,
        StatusCode::NOT_FOUND,
        "a confidential item's"
    );
    let (admin, _) = browser(&app, "admin").await;
    assert_eq!(fetch(&app, &path, Some(&admin)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &path, None).await.0, StatusCode::NOT_FOUND, "not public");
    assert_eq!(
        fetch(&app, &format!("/berkas/{media}/asli"), Some(&staf)).await.0,
        StatusCode::NOT_FOUND,
        "a document has no photo copies"
    );

    // Someone else may not add to it, nor remove from it.
    let r = upload(&app, &id, &verifikator, &vtoken, "x.pdf", &pdf).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.json);
    // Without this browser's form token, nothing is read.
    let r = upload(&app, &id, &staf, &"0".repeat(64), "x.pdf", &pdf).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.json);
    assert_eq!(
        app::server::items::media::media_of(&w.state.db, &w.staf, &id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_file_no_item_names_is_removed() {
    let w = World::new().await;
    let (app, store, _dir) = setup(&w);
    let first = drafting(&w).await;
    let second = drafting(&w).await;
    let (staf, token) = browser(&app, "staf").await;
    let photo = phone_photo();
    let a = upload(&app, &first, &staf, &token, "a.jpg", &photo).await.json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let b = upload(&app, &second, &staf, &token, "b.jpg", &photo).await.json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let hash = server::media::store::hash_of(&photo);
    let web = store.path(&hash, Stored::Photo(app::domain::media::Copy::Web)).unwrap();
    assert!(web.exists());

    let remove = |id: String, media: String| {
        let app = app.clone();
        let staf = staf.clone();
        async move {
            let req = Request::post(format!("/materi/{id}/berkas/{media}/hapus"))
                .header("accept", "application/json")
                .header("cookie", &staf)
                .body(Body::empty())
                .unwrap();
            app.oneshot(req).await.unwrap().status()
        }
    };
    assert_eq!(remove(first.clone(), a).await, StatusCode::NO_CONTENT);
    assert!(web.exists(), "the other item still holds the same photo");
    assert_eq!(remove(second.clone(), b.clone()).await, StatusCode::NO_CONTENT);
    assert!(!web.exists(), "no item holds it: gone");
    assert_eq!(remove(second, b).await, StatusCode::NOT_FOUND);

    // A file stored and never recorded (a crash between the two) is swept; a recorded one stays.
    let orphan = b"%PDF-1.4\n% yatim\n%%EOF\n".to_vec();
    let orphan_hash = server::media::store::hash_of(&orphan);
    store
        .put(&orphan_hash, Stored::Document(app::domain::media::Format::Pdf), &orphan)
        .unwrap();
    let kept = upload(&app, &first, &staf, &token, "c.jpg", &photo).await;
    assert_eq!(kept.status, StatusCode::CREATED);
    server::media::sweep(&w.state, &store, std::time::Duration::ZERO).await;
    assert!(!store
        .path(&orphan_hash, Stored::Document(app::domain::media::Format::Pdf))
        .unwrap()
        .exists());
    assert!(web.exists(), "recorded again: kept");
}

#[tokio::test]
async fn a_published_items_photos_and_documents_are_everyones_on_the_portal_and_in_the_dip() {
    use app::domain::ActionKind as A;
    use app::views::MoveInput;
    let w = World::new().await;
    let (app, _store, _dir) = setup(&w);
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    let (staf, token) = browser(&app, "staf").await;
    let r = upload(&app, &id, &staf, &token, "upacara.jpg", &phone_photo()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let photo = r.json["id"].as_str().unwrap().to_string();
    let pdf = b"%PDF-1.4\n% laporan\n%%EOF\n";
    let r = upload(&app, &id, &staf, &token, "laporan-kegiatan.pdf", pdf).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let document = r.json["id"].as_str().unwrap().to_string();
    let web = format!("/berkas/{photo}/web");
    assert_eq!(fetch(&app, &web, None).await.0, StatusCode::NOT_FOUND, "not yet public");

    w.save_draft(&w.staf, &id, "Upacara Hari Jadi").await;
    w.moved(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await;
    w.moved(&w.sekretaris, &id, A::SendToVerification, MoveInput::default())
        .await;
    w.moved(&w.verifikator, &id, A::Approve, MoveInput::default()).await;
    assert_eq!(
        fetch(&app, &web, None).await.0,
        StatusCode::NOT_FOUND,
        "approved is not published"
    );
    w.moved(&w.sekretaris, &id, A::OrderPublication, MoveInput::default())
        .await;
    w.moved(&w.staf, &id, A::MarkPublished, World::links()).await;
    let (status, bytes) = fetch(&app, &web, None).await;
    assert_eq!(status, StatusCode::OK, "published: everyone's");
    assert!(exif_of(&bytes).is_none());
    let (status, bytes) = fetch(&app, &format!("/berkas/{document}/unduh"), None).await;
    assert_eq!((status, bytes.as_slice()), (StatusCode::OK, &pdf[..]));

    // The portal shows the photo with its alt text and caption, and offers the document.
    let (status, page) = fetch(&app, &format!("/informasi/{id}"), None).await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(page).unwrap();
    let gallery = page
        .split("data-testid=\"public-photos\"")
        .nth(1)
        .expect("the portal shows the photos");
    assert!(gallery.contains(&format!("src=\"/berkas/{photo}/web\"")), "{gallery}");
    assert!(gallery.contains("alt=\"Peserta upacara berbaris\""), "{gallery}");
    assert!(gallery.contains("Upacara di halaman kantor"), "{gallery}");
    let documents = page
        .split("data-testid=\"public-documents\"")
        .nth(1)
        .expect("the portal offers the documents");
    assert!(
        documents.contains(&format!("href=\"/berkas/{document}/unduh\"")),
        "{documents}"
    );
    assert!(!documents.contains(&photo), "a photo is not a document");

    // The DIP names the document among the information's available forms, on the portal and in
    // its open data.
    let (_, dip) = fetch(&app, "/dip", None).await;
    assert!(String::from_utf8(dip)
        .unwrap()
        .contains("dokumen: laporan-kegiatan.pdf"));
    let (_, json) = fetch(&app, "/dip.json", None).await;
    let records: Vec<app::server::public::DipRecord> = serde_json::from_slice(&json).unwrap();
    let entry = records.iter().find(|r| r.judul == "Upacara Hari Jadi").unwrap();
    assert!(
        entry.bentuk_informasi.ends_with("dokumen: laporan-kegiatan.pdf"),
        "{}",
        entry.bentuk_informasi
    );
    assert!(!entry.bentuk_informasi.contains("upacara.jpg"));
    // And so does the office's own register.
    let zone = app::server::settings::load(&w.state.db).await.unwrap().zone();
    let rows = app::server::register::rows(&w.state.db, &w.sekretaris, &Default::default(), zone)
        .await
        .unwrap();
    let row = rows.iter().find(|r| r.id == id).unwrap();
    assert!(row.form.ends_with("dokumen: laporan-kegiatan.pdf"), "{}", row.form);
}

#[tokio::test]
async fn a_photo_without_alt_text_holds_the_material_back_from_verification() {
    use app::domain::ActionKind as A;
    use app::views::MoveInput;
    let w = World::new().await;
    let (app, _store, _dir) = setup(&w);
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    let (staf, token) = browser(&app, "staf").await;
    // Uploaded without its caption and alt text.
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{token}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n"
    )
    .into_bytes();
    body.extend(phone_photo());
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").into_bytes());
    let r = post(&app, &format!("/materi/{id}/berkas"), &staf, Body::from(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let media = r.json["id"].as_str().unwrap().to_string();
    w.save_draft(&w.staf, &id, "Bakti sosial").await;
    w.moved(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await;

    let send = || async {
        let version = w.version(&id).await;
        app::server::items::perform(
            &w.state.db,
            &w.sekretaris,
            &id,
            version,
            A::SendToVerification,
            &MoveInput::default(),
            chrono::Utc::now(),
        )
        .await
        .map_err(|e| e.into_app())
    };
    let refused = send().await.unwrap_err();
    assert_eq!(
        refused,
        app::error::AppError::invalid("alt", app::domain::Problem::AltTextMissing { count: 1 })
    );
    assert!(
        app::text::app_error(&refused).contains("teks alternatif"),
        "{}",
        app::text::app_error(&refused)
    );

    // The Sekretaris, correcting, describes the photo (a plain form), and it goes on.
    let (sekretaris, stoken) = browser(&app, "sekretaris").await;
    let (status, headers, _) = common::oneshot::send(
        &app,
        "POST",
        &format!("/materi/{id}/berkas/{media}"),
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &sekretaris),
        ],
        &format!("token={stoken}&caption=Bakti+sosial+di+desa&alt=Warga+menerima+paket+sembako"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers["location"], format!("/materi/{id}"));
    let records = app::server::items::media::media_of(&w.state.db, &w.sekretaris, &id)
        .await
        .unwrap();
    assert_eq!(records[0].alt, "Warga menerima paket sembako");
    assert_eq!(send().await.unwrap().state, app::domain::State::InVerification);
}

#[tokio::test]
async fn the_administrators_limits_hold_on_every_upload() {
    let w = World::new().await;
    let (app, _store, _dir) = setup(&w);
    let (current, version) = app::server::settings::load_versioned(&w.state.db).await.unwrap();
    let mut form = current.form();
    form.media_max_file_mb = "1".into();
    form.media_max_files = "1".into();
    let limited = form.parse(&current).unwrap();
    app::server::settings::save(&w.state.db, &w.admin, &limited, version, chrono::Utc::now())
        .await
        .unwrap();
    let id = drafting(&w).await;
    let (staf, token) = browser(&app, "staf").await;

    // 1.2 MB of a document: over the administrator's 1 MB.
    let mut big = b"%PDF-1.4\n".to_vec();
    big.extend(std::iter::repeat_n(b'a', 1_200_000));
    let r = upload(&app, &id, &staf, &token, "besar.pdf", &big).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(
        r.json["Invalid"]["problem"],
        serde_json::json!({"code": "file_too_large", "max_mb": 1})
    );

    // One file is the most: the second is refused, and says how many.
    assert_eq!(
        upload(&app, &id, &staf, &token, "a.jpg", &phone_photo()).await.status,
        StatusCode::CREATED
    );
    let r = upload(&app, &id, &staf, &token, "b.pdf", b"%PDF-1.4\n%%EOF\n").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(
        r.json["Invalid"]["problem"],
        serde_json::json!({"code": "too_many_files", "max": 1})
    );
    assert_eq!(
        app::server::items::media::media_of(&w.state.db, &w.staf, &id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_channels_signed_link_opens_that_photo_only_and_only_until_it_ends() {
    use server::media::links::{PhotoLinks, Variant, LINK_SECS};
    let key = app::server::secrets::SecretKey::random();
    let mut w = World::new().await;
    w.state = w.state.clone().with_secret_key(Some(key.clone()));
    let (app, _store, _dir) = setup(&w);
    let id = drafting(&w).await;
    let (staf, token) = browser(&app, "staf").await;
    let r = upload(&app, &id, &staf, &token, "IMG_0001.jpg", &phone_photo()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let media = r.json["id"].as_str().unwrap().to_string();
    let links = PhotoLinks::new("https://ppid.contoh.go.id", &key);
    let path = |link: String| link.trim_start_matches("https://ppid.contoh.go.id").to_string();
    let now = chrono::Utc::now();

    // The item is confidential and still drafted: nobody signed out gets its photo...
    let (status, _) = fetch(&app, &format!("/berkas/{media}/web"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // ...except a channel holding the outbox's link: the web copy, and Instagram's cut to 4:5.
    let (status, web) = fetch(&app, &path(links.link(&media, Variant::Web, now)), None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, stored) = fetch(&app, &format!("/berkas/{media}/web"), Some(&staf)).await;
    assert_eq!(web, stored);
    let (status, cut) = fetch(&app, &path(links.link(&media, Variant::Instagram, now)), None).await;
    assert_eq!(status, StatusCode::OK);
    let img = image::load_from_memory(&cut).unwrap();
    // The upright photo is 32×64 (1:2, taller than Instagram takes): cut to 32×40 (4:5).
    assert_eq!((img.width(), img.height()), (32, 40));
    assert!(exif_of(&cut).is_none());

    // A link opens nothing else: another variant, another photo, a forged or ended signature.
    let link = links.link(&media, Variant::Web, now);
    let tampered = [
        path(link.replace("/web?", "/asli?")),
        path(link.replace("/web?", "/instagram?")),
        path(link.replace(&media, "m0")),
        path(link.clone()).replace("sig=", "sig=00"),
        path(links.link(&media, Variant::Web, now - chrono::Duration::seconds(LINK_SECS + 5))),
        path(
            PhotoLinks::new("https://ppid.contoh.go.id", &app::server::secrets::SecretKey::random()).link(
                &media,
                Variant::Web,
                now,
            ),
        ),
        format!("/kanal/foto/{media}/web"),
    ];
    for p in tampered {
        let (status, _) = fetch(&app, &p, None).await;
        assert!(
            status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST,
            "{p}: {status}"
        );
    }
}

#[tokio::test]
async fn the_instagram_download_is_the_photo_cut_to_instagrams_ratios_for_those_who_may_see_it() {
    let w = World::new().await;
    let (app, _store, _dir) = setup(&w);
    let id = drafting(&w).await;
    let (staf, token) = browser(&app, "staf").await;
    // Upright, the phone's photo is 32 × 64: taller than Instagram's 4:5.
    let r = upload(&app, &id, &staf, &token, "IMG_0002.jpg", &phone_photo()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let media = r.json["id"].as_str().unwrap().to_string();
    let path = format!("/berkas/{media}/instagram");
    let (status, bytes) = fetch(&app, &path, Some(&staf)).await;
    assert_eq!(status, StatusCode::OK);
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).expect("a JPEG");
    let ratio = img.width() as f64 / img.height() as f64;
    let (narrowest, widest) = app::domain::media::INSTAGRAM_RATIOS;
    assert!(
        ratio >= narrowest - 0.02 && ratio <= widest,
        "cut to 4:5 at the narrowest: {}x{}",
        img.width(),
        img.height()
    );
    assert_eq!(img.width(), 32, "cut in height, the full width kept");
    assert!(img.height() < 64);
    assert!(exif_of(&bytes).is_none(), "no metadata in the cut either");
    // Someone who may not see the (confidential) item gets nothing.
    let (verifikator, _) = browser(&app, "verifikator").await;
    assert_eq!(fetch(&app, &path, Some(&verifikator)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &path, None).await.0, StatusCode::NOT_FOUND);
}
