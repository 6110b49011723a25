#include "client/outboxstore.h"

#include "core/json/apicodec.h"
#include "core/store/schema.h"
#include "core/store/sql.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace handover::client {

using store::exec;
using store::prepare;

namespace {

const QString kColumns = QStringLiteral(
    "SELECT local_id, idempotency_key, org_id, chatroom_id, kind, payload, state, attempts, error, response, "
    "created_at, updated_at FROM outbox ");

QString compactJsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject objectFromText(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString kindOfError(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::Network:
        return QStringLiteral("network");
    case ApiError::Kind::Http:
        return QStringLiteral("http");
    case ApiError::Kind::Protocol:
        return QStringLiteral("protocol");
    }
    return {};
}

// The error column: API.md's error body, plus how it arrived.
QString errorToText(const ApiError &error)
{
    QJsonObject o = errorToJson(error.error, error.requestId);
    o.insert(QStringLiteral("kind"), kindOfError(error.kind));
    o.insert(QStringLiteral("http_status"), error.httpStatus);
    return compactJsonText(o);
}

std::optional<ApiError> errorFromText(const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    const QJsonObject o = objectFromText(text);
    ApiError error;
    const QString kind = o.value(QLatin1String("kind")).toString();
    error.kind = kind == QLatin1String("http")       ? ApiError::Kind::Http
                 : kind == QLatin1String("protocol") ? ApiError::Kind::Protocol
                                                     : ApiError::Kind::Network;
    error.httpStatus = o.value(QLatin1String("http_status")).toInt();
    if (Result<ErrorBody> body = errorFromJson(o)) {
        error.error = body->error;
        error.requestId = body->requestId;
    } else {
        error.error =
            Error::make(ErrorCode::Internal, o.value(QLatin1String("error_description")).toString());
    }
    return error;
}

OutboxItem itemFromRow(const QSqlQuery &q)
{
    OutboxItem item;
    item.localId = q.value(0).toLongLong();
    item.idempotencyKey = q.value(1).toString();
    item.orgId = q.value(2).toString();
    item.chatroomId = q.value(3).toString();
    item.kind = commandKindFromName(q.value(4).toString()).value_or(CommandKind::SendText);
    item.payload = objectFromText(q.value(5).toString());
    item.state = outboxStateFromName(q.value(6).toString()).value_or(OutboxState::Failed);
    item.attempts = q.value(7).toInt();
    item.failure = errorFromText(q.value(8).toString());
    item.response = objectFromText(q.value(9).toString());
    item.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(10).toLongLong(), Qt::UTC);
    item.updatedAt = QDateTime::fromMSecsSinceEpoch(q.value(11).toLongLong(), Qt::UTC);
    return item;
}

} // namespace

QString outboxStateName(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending:
        return QStringLiteral("pending");
    case OutboxState::Sent:
        return QStringLiteral("sent");
    case OutboxState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<OutboxState> outboxStateFromName(const QString &name)
{
    for (OutboxState state : {OutboxState::Pending, OutboxState::Sent, OutboxState::Failed}) {
        if (outboxStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

MessageId OutboxItem::messageId() const
{
    if (state != OutboxState::Sent || (kind != CommandKind::SendText && kind != CommandKind::SendTemplate))
        return {};
    return response.value(QLatin1String("id")).toString();
}

Result<std::unique_ptr<OutboxStore>> OutboxStore::open(const QString &path, OrgId orgId, const Clock &clock)
{
    store::DatabaseOptions options;
    options.path = path;
    options.durability = store::Durability::SurvivesPowerLoss;
    Result<store::Database> db = store::Database::open(options, store::cacheSchema());
    if (!db)
        return db.error();
    return std::unique_ptr<OutboxStore>(new OutboxStore(std::move(db).value(), std::move(orgId), clock));
}

OutboxStore::OutboxStore(store::Database db, OrgId orgId, const Clock &clock)
    : m_db(std::move(db))
    , m_orgId(std::move(orgId))
    , m_clock(clock)
{}

OutboxStore::~OutboxStore() = default;

Result<OutboxItem> OutboxStore::insert(CommandKind kind, const ChatroomId &chatroomId,
                                       const QJsonObject &payload, const QString &idempotencyKey)
{
    Result<QSqlQuery> q = prepare(
        m_db.connection(),
        QStringLiteral(
            "INSERT INTO outbox (idempotency_key, org_id, chatroom_id, kind, payload, state, attempts, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)"));
    if (!q)
        return q.error();
    const qint64 now = m_clock.nowMs();
    q->bindValue(0, idempotencyKey);
    q->bindValue(1, m_orgId);
    q->bindValue(2, chatroomId);
    q->bindValue(3, commandKindName(kind));
    q->bindValue(4, compactJsonText(payload));
    q->bindValue(5, now);
    q->bindValue(6, now);
    if (Result<void> ran = exec(*q); !ran)
        return ran.error();
    Result<std::optional<OutboxItem>> stored = item(q->lastInsertId().toLongLong());
    if (!stored)
        return stored.error();
    if (!stored->has_value())
        return Error::make(ErrorCode::Internal, QStringLiteral("The outbox lost the item it just stored."));
    return std::move(**stored);
}

Result<QList<OutboxItem>> OutboxStore::select(const QString &where, const QVariantList &values)
{
    Result<QSqlQuery> q = prepare(m_db.connection(), kColumns + where);
    if (!q)
        return q.error();
    for (qsizetype i = 0; i < values.size(); ++i)
        q->bindValue(int(i), values.at(i));
    if (Result<void> ran = exec(*q); !ran)
        return ran.error();
    QList<OutboxItem> rows;
    while (q->next())
        rows.append(itemFromRow(*q));
    return rows;
}

Result<std::optional<OutboxItem>> OutboxStore::item(qint64 localId)
{
    Result<QList<OutboxItem>> rows =
        select(QStringLiteral("WHERE local_id = ? AND org_id = ?"), {localId, m_orgId});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<OutboxItem>();
    return std::optional<OutboxItem>(rows->first());
}

Result<QList<OutboxItem>> OutboxStore::items(std::optional<OutboxState> state)
{
    if (state)
        return select(QStringLiteral("WHERE org_id = ? AND state = ? ORDER BY local_id"),
                      {m_orgId, outboxStateName(*state)});
    return select(QStringLiteral("WHERE org_id = ? ORDER BY local_id"), {m_orgId});
}

Result<std::optional<OutboxItem>> OutboxStore::nextPending()
{
    // Served by the partial index outbox_pending (org_id, local_id).
    Result<QList<OutboxItem>> rows =
        select(QStringLiteral("WHERE org_id = ? AND state = 'pending' ORDER BY local_id LIMIT 1"), {m_orgId});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<OutboxItem>();
    return std::optional<OutboxItem>(rows->first());
}

Result<void> OutboxStore::update(const QString &set, const QVariantList &values, qint64 localId)
{
    Result<QSqlQuery> q =
        prepare(m_db.connection(), QStringLiteral("UPDATE outbox SET ") + set +
                                       QStringLiteral(", updated_at = ? WHERE local_id = ? AND org_id = ?"));
    if (!q)
        return q.error();
    int i = 0;
    for (const QVariant &value : values)
        q->bindValue(i++, value);
    q->bindValue(i++, m_clock.nowMs());
    q->bindValue(i++, localId);
    q->bindValue(i, m_orgId);
    return exec(*q);
}

Result<void> OutboxStore::recordRetryableFailure(qint64 localId, const ApiError &error)
{
    return update(QStringLiteral("attempts = attempts + 1, error = ?"), {errorToText(error)}, localId);
}

Result<void> OutboxStore::markSent(qint64 localId, const QJsonObject &response)
{
    return update(QStringLiteral("state = 'sent', attempts = attempts + 1, error = NULL, response = ?"),
                  {compactJsonText(response)}, localId);
}

Result<void> OutboxStore::markFailed(qint64 localId, const ApiError &error)
{
    return update(QStringLiteral("state = 'failed', attempts = attempts + 1, error = ?"),
                  {errorToText(error)}, localId);
}

Result<bool> OutboxStore::markPendingAgain(qint64 localId, const QString &newIdempotencyKey)
{
    Result<QSqlQuery> q =
        prepare(m_db.connection(),
                QStringLiteral("UPDATE outbox SET state = 'pending', idempotency_key = ?, updated_at = ? "
                               "WHERE local_id = ? AND org_id = ? AND state = 'failed'"));
    if (!q)
        return q.error();
    q->bindValue(0, newIdempotencyKey);
    q->bindValue(1, m_clock.nowMs());
    q->bindValue(2, localId);
    q->bindValue(3, m_orgId);
    if (Result<void> ran = exec(*q); !ran)
        return ran.error();
    return q->numRowsAffected() == 1;
}

Result<bool> OutboxStore::removeFailed(qint64 localId)
{
    Result<QSqlQuery> q =
        prepare(m_db.connection(), QStringLiteral("DELETE FROM outbox WHERE local_id = ? AND "
                                                  "org_id = ? AND state = 'failed'"));
    if (!q)
        return q.error();
    q->bindValue(0, localId);
    q->bindValue(1, m_orgId);
    if (Result<void> ran = exec(*q); !ran)
        return ran.error();
    return q->numRowsAffected() == 1;
}

Result<int> OutboxStore::purgeSent(const QDateTime &before)
{
    Result<QSqlQuery> q =
        prepare(m_db.connection(),
                QStringLiteral("DELETE FROM outbox WHERE org_id = ? AND state = 'sent' AND updated_at < ?"));
    if (!q)
        return q.error();
    q->bindValue(0, m_orgId);
    q->bindValue(1, before.toMSecsSinceEpoch());
    if (Result<void> ran = exec(*q); !ran)
        return ran.error();
    return q->numRowsAffected();
}

} // namespace handover::client
