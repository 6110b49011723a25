#include "cachefile.h"

#include "core/clock.h"
#include "eventstream.h"
#include "fakechatrooms.h"

#include <random>

namespace handover::bench {

namespace {

constexpr int kRowsPerTransaction = 10'000;

} // namespace

client::CacheIdentity benchCacheIdentity()
{
    return client::CacheIdentity{QStringLiteral("org-1"), QStringLiteral("agent-1"), Role::Member};
}

Result<void> writeCacheFile(const QString &path, const CacheFileShape &shape,
                            const std::function<void(qint64, qint64)> &progress)
{
    SystemClock clock;
    const client::CacheIdentity identity = benchCacheIdentity();
    Result<std::unique_ptr<client::ChatroomCache>> opened =
        client::ChatroomCache::open(path, identity, clock);
    if (!opened)
        return opened.error();
    client::ChatroomCache &cache = **opened;

    std::mt19937_64 random(0xC01D5747u);
    const qint64 nowMs = clock.nowMs();
    QList<Chatroom> chatrooms = makeChatrooms(shape.chatrooms, nowMs, identity.userId, random);
    addWireIds(chatrooms, random);
    for (qsizetype from = 0; from < chatrooms.size(); from += kRowsPerTransaction) {
        if (Result<void> loaded =
                cache.loadSnapshot(chatrooms.mid(from, kRowsPerTransaction), shape.chatrooms);
            !loaded)
            return loaded;
        if (progress)
            progress(std::min<qint64>(from + kRowsPerTransaction, chatrooms.size()), 0);
    }

    // The messages a console gathers: what the stream brought and history pages, customer messages and
    // replies with their statuses, ten per chatroom by default.
    EventStream stream(chatrooms, identity.userId, shape.chatrooms, nowMs - 2'592'000'000ll, 0x4E55A6E5u);
    const qint64 total = qint64(shape.chatrooms) * shape.messagesPerChatroom;
    QList<Message> page;
    qint64 written = 0;
    while (written < total) {
        const Event event = stream.next();
        if (!event.message || event.kind != EventKind::MessageCreated)
            continue;
        page.append(*event.message);
        ++written;
        if (page.size() == kRowsPerTransaction || written == total) {
            if (Result<void> stored = cache.storeMessages(page); !stored)
                return stored;
            page.clear();
            if (progress)
                progress(shape.chatrooms, written);
        }
    }
    if (Result<qsizetype> position = cache.applyBatch(QList<Event>{}, stream.lastSeq()); !position)
        return position.error();
    return {};
}

} // namespace handover::bench
