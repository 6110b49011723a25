#pragma once

#include "client/connectionstate.h"

#include <QLabel>
#include <QPointer>

class QTimer;

namespace handover {

class Clock;

namespace client {
class ConsoleSession;
}

// The status bar's account of the link to the server, always visible: connected, connecting, reconnecting in
// N s, or offline; with the number of commands waiting in the outbox when there are any.
class ConnectionIndicator final : public QLabel
{
    Q_OBJECT

public:
    explicit ConnectionIndicator(const Clock &clock, QWidget *parent = nullptr);

    void setSession(client::ConsoleSession *session);
    int queuedCommands() const { return m_queued; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void countQueued();
    void refresh();

    const Clock &m_clock;
    QPointer<client::ConsoleSession> m_session;
    client::ConnectionState m_state;
    int m_queued = 0;
    QTimer *m_tick = nullptr;
};

} // namespace handover
