#include "ui/board/boardmime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

namespace handover {

namespace {

QString mimeType()
{
    return QString::fromLatin1(kChatroomMimeType);
}

} // namespace

QMimeData *chatroomMimeData(const DraggedChatrooms &dragged)
{
    QJsonObject payload;
    payload.insert(QStringLiteral("org_id"), dragged.orgId);
    payload.insert(QStringLiteral("chatroom_ids"), QJsonArray::fromStringList(dragged.chatroomIds));
    auto *data = new QMimeData;
    data->setData(mimeType(), QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return data;
}

std::optional<DraggedChatrooms> draggedChatrooms(const QMimeData *data)
{
    if (!data || !data->hasFormat(mimeType()))
        return std::nullopt;
    // The payload may come from another process: checked before anything is read from it.
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(data->data(mimeType()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject payload = document.object();
    const QJsonValue orgId = payload.value(QLatin1String("org_id"));
    const QJsonValue ids = payload.value(QLatin1String("chatroom_ids"));
    if (!orgId.isString() || orgId.toString().isEmpty() || !ids.isArray())
        return std::nullopt;
    const QJsonArray idArray = ids.toArray();
    if (idArray.isEmpty() || idArray.size() > kMaxDraggedChatrooms)
        return std::nullopt;
    DraggedChatrooms dragged;
    dragged.orgId = orgId.toString();
    for (const QJsonValue &id : idArray) {
        if (!id.isString() || id.toString().isEmpty())
            return std::nullopt;
        if (!dragged.chatroomIds.contains(id.toString()))
            dragged.chatroomIds.append(id.toString());
    }
    return dragged;
}

} // namespace handover
