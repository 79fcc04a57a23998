// SPDX-License-Identifier: MIT
#include "hub_p.h"

#include <diesel/core/application.h>
#include <diesel/core/error.h>

#include <QCoreApplication>
#include <QEventLoop>

#include <deque>

namespace diesel {

struct Application::Private
{
    std::deque<Service> services;
    std::deque<UDPService> udp_services;
    std::vector<LoopSpec> pending;
    QEventLoop *event_loop = nullptr;
    bool halt_requested = false;
};

Application::Application()
    : d(std::make_unique<Private>())
{}

Application::~Application()
{
    for (auto &s : d->services)
        s.stop();
    for (auto &s : d->udp_services)
        s.stop();
}

Service &Application::add(Service service)
{
    d->services.push_back(std::move(service));
    if (m_started)
        d->services.back().start();
    return d->services.back();
}

UDPService &Application::add(UDPService service)
{
    d->udp_services.push_back(std::move(service));
    if (m_started)
        d->udp_services.back().start();
    return d->udp_services.back();
}

void Application::add(LoopSpec spec)
{
    if (m_started)
        Hub::current().spawn(std::move(spec.fn), std::move(spec.options));
    else
        d->pending.push_back(std::move(spec));
}

void Application::start()
{
    if (m_started)
        return;
    Hub &hub = Hub::current();
    for (auto &s : d->services)
        s.start(&hub);
    for (auto &s : d->udp_services)
        s.start(&hub);
    m_started = true;
    for (auto &spec : d->pending)
        hub.spawn(std::move(spec.fn), std::move(spec.options));
    d->pending.clear();
}

void Application::run()
{
    if (Loop::current())
        throw Error("quickstart()/Application::run() cannot run inside a Loop: it would nest "
                    "Qt's event loop under a fiber");
    static int argc = 1;
    static char name[] = "diesel";
    static char *argv[] = {name, nullptr};
    std::unique_ptr<QCoreApplication> own_app;
    if (!QCoreApplication::instance())
        own_app = std::make_unique<QCoreApplication>(argc, argv);
    {
        Hub &hub = Hub::current();
        QEventLoop event_loop;
        d->event_loop = &event_loop;
        d->halt_requested = false;
        // Whatever way run() leaves (a BindError from start(), say), it leaves nothing behind:
        // no stop handler pointing at this Application, no Services, no Loops.
        struct Cleanup
        {
            Application &app;
            Hub &hub;
            ~Cleanup()
            {
                app.d->event_loop = nullptr;
                hub.set_stop_handler({});
                for (auto &s : app.d->services)
                    s.stop();
                for (auto &s : app.d->udp_services)
                    s.stop();
                hub.cancel_all("the application stopped");
                app.m_started = false;
            }
        } cleanup{*this, hub};
        hub.set_stop_handler([this] { halt(); });
        start();
        if (!d->halt_requested)
            event_loop.exec();
    }
    // Destroying our own QCoreApplication also destroys the Hub made for it (a post routine).
}

void Application::halt()
{
    d->halt_requested = true;
    if (d->event_loop)
        d->event_loop->exit(0);
}

} // namespace diesel
