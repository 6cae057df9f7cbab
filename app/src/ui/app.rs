use crate::api;
use crate::domain::Role;
use crate::text;
use crate::ui::components::LocaleSwitch;
use crate::ui::{
    admin::AdminPage,
    item::ItemPage,
    lists::{AllItemsPage, TasksPage},
    live::{LiveAnnouncer, LiveIndicator, TaskCount},
    login::LoginPage,
    new_disposition::NewDispositionPage,
    notices::Bell,
    password::PasswordPage,
    print::{DispositionPrintPage, RecordPrintPage},
    register::RegisterPage,
    reports::ReportsPage,
    settings::SettingsPage,
    sop_sheet::SopSheetPage,
};
use crate::views::{Me, Notifications};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use leptos_router::SsrMode;

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::csp::set_for_page();
    view! {
        <!DOCTYPE html>
        <html lang=text::locale_code(text::locale())>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5394"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                // The installed app (see `server::pwa`): its manifest, and the script that
                // registers its service worker.
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <script type="module" src="/pwa.js" nonce=leptos::nonce::use_nonce()></script>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <InstalledApp/>
                <App/>
            </body>
        </html>
    }
}

/// What the installed app's script shows (`pwa.js`): a new version on offer, and that the page is
/// the device's last copy (the service worker fills in when it was saved).
#[component]
fn InstalledApp() -> impl IntoView {
    view! {
        <div id="app-update" class="app-update" role="status" hidden>
            <span>{text::update_ready()}</span>" "
            <button type="button">{text::update_reload()}</button>
        </div>
        <div id="offline-copy" class="offline-copy" role="status" hidden data-copy-saved="">
            {text::offline_copy()}" "<span data-age></span>
        </div>
    }
}

/// The signed-in user, for every part of the page drawn on the server.
#[derive(Clone, Copy)]
pub struct Session {
    pub me: Resource<Result<Option<Me>, crate::error::AppError>>,
}

/// The whole app, drawn on the server. Only its islands (the interactive parts) come alive in
/// the browser: see `crate::ui::island`.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let me = Resource::new(|| (), |_| api::current_me());
    provide_context(Session { me });

    view! {
        <Title text=text::APP_NAME/>
        <Router>
            <Header/>
            <LiveAnnouncer/>
            <main class="page">
                // A password the Administrator set is replaced before anything else.
                <Show when=move || me.get().and_then(|r| r.ok()).flatten().is_some_and(|m| m.must_change_password)
                    fallback=|| view! { <Pages/> }>
                    <PasswordPage forced=true/>
                </Show>
            </main>
        </Router>
    }
}

/// Every page is rendered whole on the server before it is sent (its data awaited, not streamed
/// in by script), so that it reads and its forms post before the script has loaded, or without it.
/// Each page's code is its own lazily loaded part of the browser's bundle (`cargo leptos --split`):
/// a visitor's browser loads the shell and the page at hand, not every page of the app.
#[component]
fn Pages() -> impl IntoView {
    view! {
                <Routes fallback=|| view! { <p class="error">{text::page_not_found()}</p> }>
                    <Route path=path!("/kata-sandi") view=|| view! { <PasswordPage/> } ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/") view=TasksPage ssr=SsrMode::Async/>
                    <Route path=path!("/materi") view=AllItemsPage ssr=SsrMode::Async/>
                    <Route path=path!("/materi/baru") view=NewDispositionPage ssr=SsrMode::Async/>
                    <Route path=path!("/materi/:id") view=ItemPage ssr=SsrMode::Async/>
                    <Route path=path!("/materi/:id/saluran") view=crate::ui::channel_texts::ChannelTextsPage ssr=SsrMode::Async/>
                    <Route path=path!("/materi/:id/disposisi") view=DispositionPrintPage ssr=SsrMode::Async/>
                    <Route path=path!("/materi/:id/rekam") view=RecordPrintPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/pengaturan") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/saluran") view=crate::ui::channels::ChannelsPage ssr=SsrMode::Async/>
                    <Route path=path!("/laporan") view=ReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/daftar-informasi") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/laporan/sop") view=SopSheetPage ssr=SsrMode::Async/>
                </Routes>
    }
}

/// The navigation, and for someone signed in: the live parts (task count, stream, bell), who
/// they are, signing out and the language. Signing out is a plain form: it leaves the page.
#[component]
fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    let here = crate::ui::components::this_page();
    let notices = Resource::new(|| (), |_| api::my_notifications());
    let tasks = Resource::new(|| (), |_| api::my_task_count());
    view! {
        <header class="topbar">
            <a class="brand" href="/">{text::APP_NAME}<small>{text::app_tagline()}</small></a>
            <Suspense fallback=|| ()>
                {move || {
                    let here = here.clone();
                    Suspend::new(async move {
                        let me = session.me.await.ok().flatten()?;
                        let (notices, tasks) = (notices.await, tasks.await);
                        Some(view! { <SignedIn me here notices=notices.unwrap_or_default() tasks=tasks.unwrap_or_default()/> })
                    })
                }}
            </Suspense>
        </header>
    }
}

#[component]
fn SignedIn(me: Me, here: String, notices: Notifications, tasks: u32) -> impl IntoView {
    let roles = me.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
    let set = crate::domain::RoleSet::of(&me.roles);
    view! {
        <nav class="nav">
            <A href="/">{text::nav_tasks()}<TaskCount count=tasks/></A>
            <A href="/materi" exact=true>{text::nav_all()}</A>
            {me.has(Role::PpidPembantu).then(|| view! { <A href="/materi/baru">{text::nav_new()}</A> })}
            {crate::domain::access::may_read_reports(set).then(|| view! {
                <A href="/laporan" exact=true>{text::nav_reports()}</A>
            })}
            {crate::domain::access::works_on_items(set).then(|| view! {
                <A href="/daftar-informasi">{text::nav_register()}</A>
            })}
            <A href="/laporan/sop">{text::sop_sheet()}</A>
            {me.has(Role::Admin).then(|| view! { <A href="/admin" exact=true>{text::nav_admin()}</A> <A href="/admin/pengaturan">{text::nav_settings()}</A> })}
        </nav>
        <div class="who">
            <LiveIndicator/>
            <Bell notices here push=me.push.clone()/>
            <a class="who-name" href="/kata-sandi" title=text::nav_password() data-testid="who">{me.name.clone()}</a>
            <span class="who-roles">{roles}</span>
            <form class="logout" method="post" action="/keluar">
                <input type="hidden" name="token" value=crate::ui::components::form_token()/>
                <button type="submit" class="link">{text::logout_button()}</button>
            </form>
            <LocaleSwitch/>
        </div>
    }
}
