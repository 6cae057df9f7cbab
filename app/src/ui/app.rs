use crate::api;
use crate::domain::Role;
use crate::text;
use crate::ui::components::LocaleSwitch;
use crate::ui::{
    admin::AdminPage,
    item::ItemPage,
    lists::{AllItemsPage, TasksPage},
    live::{Live, LiveAnnouncer, LiveIndicator},
    login::LoginPage,
    new_disposition::NewDispositionPage,
    notices::{Bell, NoticeResource},
    password::PasswordPage,
    print::{DispositionPrintPage, RecordPrintPage},
    register::RegisterPage,
    reports::ReportsPage,
    settings::SettingsPage,
    sop_sheet::SopSheetPage,
};
use crate::views::Me;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use leptos_router::SsrMode;
use leptos_router::{lazy_route, Lazy, LazyRoute};

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
    let live = Live::new();
    provide_context(live);
    let notices: NoticeResource = Resource::new(move || live.notices.get(), |_| api::my_notifications());
    let task_count = Resource::new(move || live.list_key(), |_| api::my_task_count());
    // One live stream per tab, opened once someone is signed in.
    #[cfg(feature = "hydrate")]
    {
        let started = StoredValue::new(false);
        Effect::new(move |_| {
            let signed_in = me.get().and_then(|r| r.ok()).flatten().is_some();
            if signed_in && !started.get_value() {
                started.set_value(true);
                crate::ui::live::connect(live);
            }
        });
    }

    view! {
        <Title text=text::APP_NAME/>
        <Router>
            <Header notices task_count/>
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
                    <Route path=path!("/kata-sandi") view={Lazy::<PasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/") view={Lazy::<TasksRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/materi") view={Lazy::<AllItemsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/materi/baru") view={Lazy::<NewDispositionRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/materi/:id") view={Lazy::<ItemRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/materi/:id/disposisi") view={Lazy::<DispositionPrintRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/materi/:id/rekam") view={Lazy::<RecordPrintRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/pengaturan") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/laporan") view={Lazy::<ReportsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/daftar-informasi") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/laporan/sop") view={Lazy::<SopSheetRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
    }
}

/// A page loaded on demand: its component, with no data of its own before the view (each page
/// loads what it shows through its own resources).
macro_rules! lazy_page {
    ($($route:ident => $page:expr;)*) => {$(
        #[derive(Debug)]
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page.into_any()
            }
        }
    )*};
}

lazy_page! {
    PasswordRoute => view! { <PasswordPage/> };
    LoginRoute => view! { <LoginPage/> };
    TasksRoute => view! { <TasksPage/> };
    AllItemsRoute => view! { <AllItemsPage/> };
    NewDispositionRoute => view! { <NewDispositionPage/> };
    ItemRoute => view! { <ItemPage/> };
    DispositionPrintRoute => view! { <DispositionPrintPage/> };
    RecordPrintRoute => view! { <RecordPrintPage/> };
    AdminRoute => view! { <AdminPage/> };
    SettingsRoute => view! { <SettingsPage/> };
    ReportsRoute => view! { <ReportsPage/> };
    RegisterRoute => view! { <RegisterPage/> };
    SopSheetRoute => view! { <SopSheetPage/> };
}

#[component]
fn Header(notices: NoticeResource, task_count: Resource<Result<u32, crate::error::AppError>>) -> impl IntoView {
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
            <a class="brand" href="/">{text::APP_NAME}<small>{text::app_tagline()}</small></a>
            <Transition fallback=|| ()>
                {move || session.me.get().and_then(|r| r.ok()).flatten().map(|me| {
                    let roles = me.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
                    view! {
                        <nav class="nav">
                            <A href="/">{text::nav_tasks()}
                                {move || task_count.get().and_then(Result::ok).filter(|n| *n > 0).map(|n| view! {
                                    " " <span class="nav-count" data-testid="task-count">{n}</span>
                                })}
                            </A>
                            <A href="/materi" exact=true>{text::nav_all()}</A>
                            {me.has(Role::PpidPembantu).then(|| view! { <A href="/materi/baru">{text::nav_new()}</A> })}
                            {crate::domain::access::may_read_reports(crate::domain::RoleSet::of(&me.roles)).then(|| view! {
                                <A href="/laporan" exact=true>{text::nav_reports()}</A>
                            })}
                            {crate::domain::access::works_on_items(crate::domain::RoleSet::of(&me.roles)).then(|| view! {
                                <A href="/daftar-informasi">{text::nav_register()}</A>
                            })}
                            <A href="/laporan/sop">{text::sop_sheet()}</A>
                            {me.has(Role::Admin).then(|| view! { <A href="/admin" exact=true>{text::nav_admin()}</A> <A href="/admin/pengaturan">{text::nav_settings()}</A> })}
                        </nav>
                        <div class="who">
                            <LiveIndicator/>
                            <Bell list=notices/>
                            <a class="who-name" href="/kata-sandi" title=text::nav_password() data-testid="who">{me.name.clone()}</a>
                            <span class="who-roles">{roles}</span>
                            // Signing out works before the script too: a plain form.
                            <form class="logout" method="post" action="/keluar"
                                on:submit=move |ev| { ev.prevent_default(); logout.dispatch(()); }>
                                <input type="hidden" name="token" value=crate::ui::components::form_token()/>
                                <button type="submit" class="link">{text::logout_button()}</button>
                            </form>
                            <LocaleSwitch/>
                        </div>
                    }
                })}
            </Transition>
        </header>
    }
}
