//! A local HTTP server playing a channel's provider (issue 17, point 4): it records every request
//! and answers by the test's script, so a test checks the requests the provider documents and
//! plays its documented answers, errors included.

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug)]
pub struct Req {
    pub method: Method,
    pub path: String,
    pub query: HashMap<String, String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Req {
    pub fn form(&self) -> HashMap<String, String> {
        url::form_urlencoded::parse(&self.body).into_owned().collect()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    pub fn is(&self, method: Method, path: &str) -> bool {
        self.method == method && self.path == path
    }
    pub fn bearer(&self) -> &str {
        self.headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Value,
}

pub fn ok(body: Value) -> Reply {
    Reply {
        status: 200,
        headers: vec![],
        body,
    }
}

pub fn answer(status: u16, body: Value) -> Reply {
    Reply {
        status,
        headers: vec![],
        body,
    }
}

type Script = Arc<dyn Fn(&Req) -> Reply + Send + Sync>;

#[derive(Clone)]
pub struct Provider {
    pub base: String,
    seen: Arc<Mutex<Vec<Req>>>,
}

impl Provider {
    pub fn requests(&self) -> Vec<Req> {
        self.seen.lock().unwrap().clone()
    }
    pub fn writes(&self) -> Vec<Req> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == Method::POST)
            .collect()
    }
}

pub async fn provider(script: impl Fn(&Req) -> Reply + Send + Sync + 'static) -> Provider {
    let seen: Arc<Mutex<Vec<Req>>> = Arc::default();
    let script: Script = Arc::new(script);
    let (rec, run) = (seen.clone(), script.clone());
    let app = axum::Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
        let (rec, run) = (rec.clone(), run.clone());
        async move {
            let req = Req {
                method,
                path: uri.path().to_string(),
                query: uri
                    .query()
                    .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
                    .unwrap_or_default(),
                headers,
                body: body.to_vec(),
            };
            let reply = run(&req);
            rec.lock().unwrap().push(req);
            let mut res: Response =
                (StatusCode::from_u16(reply.status).unwrap(), reply.body.to_string()).into_response();
            res.headers_mut()
                .insert("content-type", "application/json".parse().unwrap());
            for (k, v) in reply.headers {
                res.headers_mut().insert(k, v.parse().unwrap());
            }
            res
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Provider { base, seen }
}
