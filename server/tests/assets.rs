//! The app's files (WASM, script, style sheet) go out as compressed at build time, brotli or gzip
//! as the browser accepts, cached for good under their hashed names.
#![cfg(feature = "ssr")]

mod common;

use axum::http::{header, StatusCode};
use common::oneshot::{app_with_site, send};
use common::World;

#[tokio::test]
async fn the_app_files_go_out_precompressed_as_the_browser_accepts() {
    let w = World::new().await;
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("warta.abc.js"), "console.log('warta, tidak dikompresi');").unwrap();
    std::fs::write(pkg.join("warta.abc.js.br"), "isi-brotli").unwrap();
    std::fs::write(pkg.join("warta.abc.js.gz"), "isi-gzip").unwrap();
    let app = app_with_site(&w, site.path().to_str().unwrap());

    for (accept, encoding, body) in [
        ("gzip, deflate, br", Some("br"), "isi-brotli"),
        ("gzip", Some("gzip"), "isi-gzip"),
        ("identity", None, "console.log('warta, tidak dikompresi');"),
    ] {
        let (status, headers, got) = send(&app, "GET", "/pkg/warta.abc.js", &[("accept-encoding", accept)], "").await;
        assert_eq!(status, StatusCode::OK, "{accept}");
        assert_eq!(
            headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(got, body, "{accept}: the stored file as it is, not compressed again");
        assert!(
            headers
                .get(header::CONTENT_TYPE)
                .is_some_and(|v| v.to_str().unwrap().starts_with("text/javascript")),
            "{headers:?}"
        );
        assert_eq!(
            headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap()),
            Some("public, max-age=31536000, immutable")
        );
    }
    let (status, _, _) = send(&app, "GET", "/pkg/tidak-ada.js", &[("accept-encoding", "br")], "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
