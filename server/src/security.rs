//! What every request and answer passes through for security: requests that change something are
//! accepted only from Warta's own origin, JSON endpoints only take JSON, and every answer carries
//! the headers a browser needs to protect the user (CSP, no framing, no sniffing, no referrer to
//! other sites, HSTS over https, no caching of signed-in data).

use app::error::AppError;
use app::server::ServerError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The origins (`scheme://host[:port]`) that Warta's own pages are served from.
#[derive(Clone, Debug)]
pub struct Site {
    origins: Arc<Vec<String>>,
    https: bool,
}

/// The origin part of a URL: `https://ppid.kab.go.id/x` → `https://ppid.kab.go.id`.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

impl Site {
    /// The configured public URL, and the address the server listens on (a browser on the server
    /// itself reaches a loopback address as `localhost` too).
    pub fn new(public_url: &str, addr: &str) -> Site {
        let mut origins: Vec<String> = origin_of(public_url).into_iter().collect();
        origins.push(format!("http://{addr}"));
        if let Some((host, port)) = addr.rsplit_once(':') {
            if matches!(host, "127.0.0.1" | "0.0.0.0" | "localhost" | "[::1]") {
                origins.push(format!("http://localhost:{port}"));
                origins.push(format!("http://127.0.0.1:{port}"));
            }
        }
        Site {
            origins: Arc::new(origins),
            https: public_url.starts_with("https://"),
        }
    }

    /// Served to the public over https: `Secure` cookies and HSTS.
    pub fn https(&self) -> bool {
        self.https
    }

    /// May a request with these headers change something? A browser names the page's origin in
    /// `Origin` (every cross-site POST, and same-origin ones too in current browsers), or at least
    /// `Sec-Fetch-Site`. A request with neither comes from a program, which holds no user's cookie.
    pub fn same_origin(&self, headers: &HeaderMap) -> bool {
        match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            Some(origin) => self.origins.iter().any(|o| o.eq_ignore_ascii_case(origin)),
            None => match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
                Some(site) => matches!(site, "same-origin" | "none"),
                None => true,
            },
        }
    }
}

/// The value of the cookie `name` the browser sent, if any.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(tower_sessions::cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

fn changes_something(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses a request that would change something when it comes from another site (403), and a
/// server function call that is not JSON (415): a page elsewhere can send a "simple" form post
/// with the user's cookie, but neither from Warta's origin nor as `application/json`.
pub async fn same_origin(State(site): State<Site>, req: Request<Body>, next: Next) -> Response {
    if changes_something(req.method()) {
        if !site.same_origin(req.headers()) {
            tracing::warn!(
                uri = %req.uri().path(),
                origin = ?req.headers().get(header::ORIGIN),
                "cross-site request refused"
            );
            return refuse(AppError::CrossSite);
        }
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
            });
        if req.uri().path().starts_with("/api/") && !json {
            return refuse(AppError::NotJson);
        }
    }
    next.run(req).await
}

/// The largest request body Warta takes: the largest form (settings with a letterhead logo, a
/// draft of the longest body) fits with room to spare.
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// The largest body a request to `path` may carry: a form's, or an upload's (whose file is
/// counted against the administrator's limit as it arrives: `media::upload`).
fn body_limit_for(path: &str) -> usize {
    if crate::media::is_upload(path) {
        crate::media::MAX_UPLOAD_BODY
    } else {
        MAX_BODY
    }
}

/// A body over its limit is refused before it is read (413, with the sentence the browser
/// shows) when it announces its length; one that does not is cut off where it passes the limit
/// (reading it fails, and its bare 413 gets the same sentence here).
pub async fn body_limit(req: Request<Body>, next: Next) -> Response {
    let limit = body_limit_for(req.uri().path());
    let too_large = || refuse(AppError::TooLarge { max_kib: limit / 1024 });
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit) {
        return too_large();
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    let res = next.run(req).await;
    if res.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        return too_large();
    }
    res
}

/// A refusal as a server function's error: its status and its code in JSON.
pub fn refuse(e: AppError) -> Response {
    let body = serde_json::to_string(&e).unwrap_or_default();
    let status = ServerError::from(e).status();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Is this answer an HTML page?
pub fn is_page(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// The policy for answers that set none of their own (Warta's pages set theirs, with the nonce of
/// their hydration scripts: see `app::csp`): nothing runs, only Warta's own styles and images.
/// `connect-src 'self'`: nothing on these pages runs to connect anywhere, but tools that audit a
/// page from inside it (Lighthouse reading `/robots.txt` for the public portal) may reach Warta.
const DEFAULT_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; connect-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A page of the app whose policy did not reach its answer (seen under load with pages rendered
/// whole before sending): the policy is made from the nonce its own scripts carry, so that the
/// page still runs and nothing else does. Other answers pass untouched.
async fn with_page_policy(res: Response) -> Response {
    if !is_page(&res) || res.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, app::text::internal()).into_response();
    };
    let nonce = std::str::from_utf8(&bytes).ok().and_then(|page| {
        let start = page.find(" nonce=\"")? + " nonce=\"".len();
        let end = page[start..].find('"')? + start;
        let nonce = &page[start..end];
        nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'))
            .then(|| nonce.to_string())
    });
    if let Some(nonce) = nonce {
        tracing::warn!("a page's policy was missing: made from its scripts' nonce");
        if let Ok(v) = HeaderValue::from_str(&app::server::csp::page_policy(&nonce)) {
            parts.headers.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The browser-side protections on every answer; `no-store` on every answer with data of a
/// signed-in user (the API, and any page requested with the session cookie).
pub async fn headers(State(site): State<Site>, req: Request<Body>, next: Next) -> Response {
    let private = req.uri().path().starts_with("/api/")
        || req.uri().path().starts_with("/admin/")
        || req
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.contains(crate::SESSION_COOKIE));
    let res = next.run(req).await;
    let mut res = with_page_policy(res).await;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_CSP));
    }
    if site.https() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // An answer that set its own policy keeps it (hashed assets are immutable for everyone).
    if private && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_page_whose_policy_went_missing_gets_one_from_its_own_nonce() {
        let page = |html: &'static str| {
            Response::builder()
                .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
                .body(Body::from(html))
                .unwrap()
        };
        let res = with_page_policy(page("<script nonce=\"QUJDMTIz\">x()</script>")).await;
        let csp = res
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(csp.contains("'nonce-QUJDMTIz'"), "{csp}");
        // A page without scripts (the portal) is left to the default policy.
        let res = with_page_policy(page("<p>portal</p>")).await;
        assert!(res.headers().get(header::CONTENT_SECURITY_POLICY).is_none());
        // A nonce that is not one is not trusted.
        let res = with_page_policy(page("<script nonce=\"a' 'unsafe-inline\">x()</script>")).await;
        assert!(res.headers().get(header::CONTENT_SECURITY_POLICY).is_none());
    }

    fn with(name: &'static str, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn only_warta_s_own_origins_may_change_something() {
        let site = Site::new("https://ppid.kab.go.id/", "127.0.0.1:3000");
        assert!(site.https());
        for ok in [
            "https://ppid.kab.go.id",
            "HTTPS://PPID.KAB.GO.ID",
            "http://127.0.0.1:3000",
            "http://localhost:3000",
        ] {
            assert!(site.same_origin(&with("origin", ok)), "{ok}");
        }
        for bad in [
            "https://evil.example",
            "https://ppid.kab.go.id.evil.example",
            "http://ppid.kab.go.id",
            "https://sub.ppid.kab.go.id",
            "null",
        ] {
            assert!(!site.same_origin(&with("origin", bad)), "{bad}");
        }
        assert!(!site.same_origin(&with("sec-fetch-site", "cross-site")));
        assert!(!site.same_origin(&with("sec-fetch-site", "same-site")));
        assert!(site.same_origin(&with("sec-fetch-site", "same-origin")));
        assert!(
            site.same_origin(&HeaderMap::new()),
            "a program without a browser holds no user's cookie"
        );
        let plain = Site::new("http://10.0.0.5:3000", "0.0.0.0:3000");
        assert!(!plain.https());
        assert!(plain.same_origin(&with("origin", "http://10.0.0.5:3000")));
    }
}
