use crate::api;
use crate::domain::Role;
use crate::text;
use crate::ui::{
    admin::AdminPage,
    item::ItemPage,
    lists::{AllItemsPage, TasksPage},
    login::LoginPage,
    new_disposition::NewDispositionPage,
};
use crate::views::Me;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="id">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5394"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The signed-in user, shared by every page. Refetched after login and logout.
#[derive(Clone, Copy)]
pub struct Session {
    pub me: Resource<Result<Option<Me>, crate::error::AppError>>,
    pub version: RwSignal<u32>,
}

impl Session {
    pub fn refresh(&self) {
        self.version.update(|v| *v += 1);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let version = RwSignal::new(0u32);
    let me = Resource::new(move || version.get(), |_| api::current_me());
    provide_context(Session { me, version });

    view! {
        <Title text=text::APP_NAME/>
        <Router>
            <Header/>
            <main class="page">
                <Routes fallback=|| view! { <p class="error">{text::PAGE_NOT_FOUND}</p> }>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/") view=TasksPage/>
                    <Route path=path!("/materi") view=AllItemsPage/>
                    <Route path=path!("/materi/baru") view=NewDispositionPage/>
                    <Route path=path!("/materi/:id") view=ItemPage/>
                    <Route path=path!("/admin") view=AdminPage/>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    let logout = Action::new(move |_: &()| async move {
        let _ = api::logout().await;
        session.refresh();
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href("/login");
        }
    });
    view! {
        <header class="topbar">
            <a class="brand" href="/">{text::APP_NAME}<small>{text::APP_TAGLINE}</small></a>
            <Transition fallback=|| ()>
                {move || session.me.get().and_then(|r| r.ok()).flatten().map(|me| {
                    let roles = me.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
                    view! {
                        <nav class="nav">
                            <A href="/">{text::NAV_TASKS}</A>
                            <A href="/materi" exact=true>{text::NAV_ALL}</A>
                            {me.has(Role::PpidPembantu).then(|| view! { <A href="/materi/baru">{text::NAV_NEW}</A> })}
                            {me.has(Role::Admin).then(|| view! { <A href="/admin">{text::NAV_ADMIN}</A> })}
                        </nav>
                        <div class="who">
                            <span class="who-name" data-testid="who">{me.name.clone()}</span>
                            <span class="who-roles">{roles}</span>
                            <button class="link" on:click=move |_| { logout.dispatch(()); }>{text::LOGOUT_BUTTON}</button>
                        </div>
                    }
                })}
            </Transition>
        </header>
    }
}
