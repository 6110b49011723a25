#include "ui/shell/connectionindicator.h"

#include "client/consolesession.h"
#include "core/clock.h"

#include <QEvent>
#include <QTimer>

namespace handover {

ConnectionIndicator::ConnectionIndicator(const Clock &clock, QWidget *parent) : QLabel(parent), m_clock(clock)
{
    setObjectName(QStringLiteral("connectionIndicator"));
    setTextFormat(Qt::RichText);
    m_tick = new QTimer(this);
    m_tick->setInterval(1000); // the countdown of "reconnecting in N s"
    connect(m_tick, &QTimer::timeout, this, &ConnectionIndicator::refresh);
    refresh();
}

void ConnectionIndicator::setSession(client::ConsoleSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_state = session ? session->connectionState() : client::ConnectionState{};
    if (session) {
        connect(session, &client::ConsoleSession::connectionStateChanged, this,
                [this](const client::ConnectionState &state) {
                    m_state = state;
                    refresh();
                });
        connect(session, &client::ConsoleSession::outboxItemChanged, this, &ConnectionIndicator::countQueued);
    }
    countQueued();
}

void ConnectionIndicator::countQueued()
{
    m_queued = 0;
    if (m_session) {
        const auto pending = m_session->outbox().items(client::OutboxState::Pending);
        if (pending)
            m_queued = int(pending->size());
    }
    refresh();
}

void ConnectionIndicator::refresh()
{
    using Phase = client::ConnectionState::Phase;
    QString dot;
    QString text;
    switch (m_state.phase) {
    case Phase::Connected:
        dot = QStringLiteral("#2e9d4f");
        text = m_state.resyncing ? tr("Connected, catching up") : tr("Connected");
        break;
    case Phase::Connecting:
        dot = QStringLiteral("#d49a00");
        text = tr("Connecting\u2026");
        break;
    case Phase::Reconnecting: {
        dot = QStringLiteral("#d49a00");
        const int seconds = m_state.secondsUntilRetry(m_clock.now());
        text = seconds > 0 ? tr("Reconnecting in %n s", nullptr, seconds) : tr("Reconnecting\u2026");
        break;
    }
    case Phase::Offline:
        dot = QStringLiteral("#c0392b");
        text = tr("Offline");
        break;
    }
    if (m_queued > 0)
        text = tr("%1, %n queued", nullptr, m_queued).arg(text);
    setText(QStringLiteral("<span style=\"color:%1\">\u25cf</span> %2").arg(dot, text.toHtmlEscaped()));
    setAccessibleName(tr("Connection: %1").arg(text));
    setToolTip(m_state.lastError.isEmpty() ? QString() : tr("Last error: %1").arg(m_state.lastError));
    const bool counting = m_state.phase == Phase::Reconnecting;
    if (counting && !m_tick->isActive())
        m_tick->start();
    else if (!counting)
        m_tick->stop();
}

void ConnectionIndicator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QLabel::changeEvent(event);
}

} // namespace handover
