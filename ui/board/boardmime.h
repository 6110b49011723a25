#pragma once

#include "core/domain/ids.h"

#include <QStringList>
#include <optional>

QT_BEGIN_NAMESPACE
class QMimeData;
QT_END_NAMESPACE

namespace handover {

// What a dragged chatroom card carries: ids only (the org's and the chatrooms'), never chatroom data, so a
// drop names what to reassign and the server decides what happens to it.
struct DraggedChatrooms
{
    OrgId orgId;
    QStringList chatroomIds; // in the order they were shown
    friend bool operator==(const DraggedChatrooms &, const DraggedChatrooms &) = default;
};

inline constexpr char kChatroomMimeType[] = "application/x-handover-chatroom";
inline constexpr int kMaxDraggedChatrooms = 500; // a drop sends one request per chatroom

// A new QMimeData holding the ids as JSON under kChatroomMimeType; the caller owns it.
QMimeData *chatroomMimeData(const DraggedChatrooms &dragged);
// The ids of a drop, or nothing when the data is not a well-formed chatroom drag.
std::optional<DraggedChatrooms> draggedChatrooms(const QMimeData *data);

} // namespace handover
