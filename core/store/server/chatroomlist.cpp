// The list side of chatrooms.h: keyset pages of the views (R20) and the lifecycle scan (R12).
#include "core/store/server/chatroomrows_p.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

const QString cursorPrefix = QStringLiteral("c1.");

Error badCursor()
{
    return Error::make(ErrorCode::BadRequest, QStringLiteral("cursor is not a cursor this server gave out."),
                       {QStringLiteral("cursor")});
}

// One statement per view and first/later page, built once; the statement cache keeps each prepared.
QString pageSql(View view, bool afterCursor)
{
    QString sql = detail::selectChatrooms();
    QString where = QStringLiteral("WHERE c.org_id = ? ");
    switch (view) {
    case View::Mine:
        // Driven by the user's participations (CROSS JOIN fixes the order) and sorted: walking the org's
        // sort-key index instead would visit every chatroom of a big org for an agent with few.
        sql = detail::chatroomColumns() +
              QStringLiteral("FROM chatroom_participants p CROSS JOIN chatrooms c ON c.id = p.chatroom_id "
                             "JOIN waba_phones w ON w.id = c.waba_phone_id ");
        where = QStringLiteral("WHERE p.user_id = ? AND c.org_id = ? ");
        break;
    case View::AwaitingHandover:
        where += QStringLiteral("AND c.pending_requested_at IS NOT NULL ");
        break;
    case View::All:
        break;
    }
    if (afterCursor) {
        // Strictly after (bumped_at, bump_seq, id) in the order below; bumped_at <= ? lets the sort-key index
        // start at the cursor.
        where += QStringLiteral("AND c.bumped_at <= ? AND (c.bumped_at < ? OR c.bump_seq < ? "
                                "OR (c.bump_seq = ? AND c.id > ?)) ");
    }
    return sql + where + QStringLiteral("ORDER BY c.bumped_at DESC, c.bump_seq DESC, c.id ASC LIMIT ?");
}

const QString &pageStatement(View view, bool afterCursor)
{
    static const QString statements[3][2] = {
        {pageSql(View::Mine, false), pageSql(View::Mine, true)},
        {pageSql(View::AwaitingHandover, false), pageSql(View::AwaitingHandover, true)},
        {pageSql(View::All, false), pageSql(View::All, true)},
    };
    const int row = view == View::Mine ? 0 : view == View::AwaitingHandover ? 1 : 2;
    return statements[row][afterCursor ? 1 : 0];
}

} // namespace

QString encodeChatroomCursor(const ChatroomCursor &cursor)
{
    const QString plain = QString::number(cursor.sortKey.bumpedAtMs) + QLatin1Char(':') +
                          QString::number(cursor.sortKey.bumpSeq) + QLatin1Char(':') + cursor.id;
    return cursorPrefix + QString::fromLatin1(plain.toUtf8().toBase64(QByteArray::Base64UrlEncoding |
                                                                      QByteArray::OmitTrailingEquals));
}

Result<ChatroomCursor> decodeChatroomCursor(const QString &text)
{
    if (!text.startsWith(cursorPrefix))
        return badCursor();
    const auto decoded = QByteArray::fromBase64Encoding(text.mid(cursorPrefix.size()).toLatin1(),
                                                        QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return badCursor();
    const QString plain = QString::fromUtf8(*decoded);
    const qsizetype first = plain.indexOf(QLatin1Char(':'));
    const qsizetype second = first < 0 ? -1 : plain.indexOf(QLatin1Char(':'), first + 1);
    if (second < 0)
        return badCursor();
    bool atOk = false;
    bool seqOk = false;
    ChatroomCursor cursor;
    cursor.sortKey.bumpedAtMs = plain.left(first).toLongLong(&atOk);
    cursor.sortKey.bumpSeq = plain.mid(first + 1, second - first - 1).toLongLong(&seqOk);
    cursor.id = plain.mid(second + 1);
    if (!atOk || !seqOk || cursor.id.isEmpty())
        return badCursor();
    return cursor;
}

Result<ChatroomPage> listChatrooms(QSqlDatabase &db, const ChatroomPageRequest &request)
{
    const int limit = qBound(1, request.limit, kMaxChatroomPage);
    std::optional<ChatroomCursor> after;
    if (!request.cursor.isEmpty()) {
        auto decoded = decodeChatroomCursor(request.cursor);
        if (!decoded)
            return decoded.error();
        after = *decoded;
    }

    QVariantList values;
    if (request.view == View::Mine)
        values << request.userId;
    values << request.orgId;
    if (after) {
        const qint64 at = after->sortKey.bumpedAtMs;
        const qint64 seq = after->sortKey.bumpSeq;
        values << at << at << seq << seq << after->id;
    }
    values << limit + 1; // one more tells whether a next page exists

    auto rows = detail::loadChatrooms(db, pageStatement(request.view, after.has_value()), values);
    if (!rows)
        return rows.error();
    ChatroomPage page;
    page.chatrooms = std::move(*rows);
    if (page.chatrooms.size() > limit) {
        page.chatrooms.resize(limit);
        const Chatroom &last = page.chatrooms.last();
        page.nextCursor = encodeChatroomCursor(ChatroomCursor{last.sortKey, last.id});
    }
    return page;
}

Result<QList<Chatroom>> chatroomsDueForLifecycle(QSqlDatabase &db, const QDateTime &at,
                                                 const ChatroomId &afterId, int limit)
{
    // Mirrors applyLifecycle(): expiry counts from creation, deactivation from the last customer message (or
    // creation). A day is 86,400,000 ms in UTC. This scans the org's chatrooms without an index of its own:
    // it runs as a periodic job in batches.
    static const QString sql =
        detail::selectChatrooms() +
        QStringLiteral(
            "JOIN orgs o ON o.id = c.org_id WHERE c.state IN ('active', 'deactivated') AND c.id > ? "
            "AND (c.created_at + o.expire_after_days * 86400000 <= ? "
            "OR (c.state = 'active' AND coalesce(c.last_customer_message_at, c.created_at) "
            "+ o.deactivate_after_days * 86400000 <= ?)) ORDER BY c.id LIMIT ?");
    const qint64 atMs = msOf(at);
    return detail::loadChatrooms(db, sql, {textNotNull(afterId), atMs, atMs, qMax(1, limit)});
}

} // namespace handover::store::server
