#pragma once

#include "client/apiclient.h"
#include "client/backoff.h"
#include "client/outbox.h"
#include "core/clock.h"
#include "core/domain/chatroom.h"

#include <QTemporaryDir>
#include <memory>

namespace handover::testing {

// The agent a composer test writes as, and the time each test starts at.
inline const UserId kComposerAgent = QStringLiteral("agent-1");
inline const QDateTime kComposerNow(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC);

// A chatroom of kComposerAgent whose customer last wrote at `customerWroteAt` (null: never).
inline Chatroom chatroomWithWindow(const QDateTime &customerWroteAt)
{
    Chatroom room;
    room.id = QStringLiteral("room-1");
    room.orgId = QStringLiteral("org-1");
    room.participants = {Participant{kComposerAgent, {}, {}, 0}};
    room.lastCustomerMessageAt = customerWroteAt;
    return room;
}

// An outbox from which nothing goes out: offline, and its server is not there. A file of its own each time.
class OfflineOutbox
{
public:
    explicit OfflineOutbox(const Clock &clock)
        : m_api(QUrl(QStringLiteral("http://127.0.0.1:9")))
    {
        m_api.setOrgId(QStringLiteral("org-1"));
        static int files = 0;
        auto opened = client::Outbox::open(m_dir.filePath(QStringLiteral("outbox-%1.sqlite").arg(++files)),
                                           QStringLiteral("org-1"), m_api, clock, m_keys, m_random);
        if (!opened)
            qFatal("the outbox did not open: %s", qPrintable(opened.error().description));
        m_outbox = std::move(opened).value();
        m_outbox->setOnline(false);
    }

    client::ApiClient &api() { return m_api; }
    client::Outbox &outbox() { return *m_outbox; }

private:
    QTemporaryDir m_dir;
    client::ApiClient m_api;
    client::SystemRandomSource m_random;
    UuidSource m_keys;
    std::unique_ptr<client::Outbox> m_outbox;
};

} // namespace handover::testing
