#pragma once

#include "ui/chatroomlist/chatroomrowsmodel.h"

#include <QPointer>

namespace handover {

class ChatroomListModel;

// The search box's results: the chatrooms of a ChatroomListModel that match a query, in the list's order.
// Not a proxy over the big list: it keeps its own ChatroomIndex of the matching ids, so a new query costs
// one O(n) pass over the list and, after that, each change of the list costs O(log n) here. An empty query
// matches nothing (the window shows the list itself then), so an idle search costs no memory.
class ChatroomFilterModel final : public ChatroomRowsModel
{
    Q_OBJECT

public:
    explicit ChatroomFilterModel(ChatroomListModel *source, QObject *parent = nullptr);
    ~ChatroomFilterModel() override;

    QString query() const { return m_query; }
    // Trims the query; a different one rebuilds the results with one model reset.
    void setQuery(const QString &query);

    const Chatroom *chatroom(const ChatroomId &id) const override;
    UserId viewerId() const override;

    // Case-insensitive: the query appears in the display name or the phone number.
    static bool matches(const Chatroom &chatroom, const QString &query);

private:
    void follow(const QString &chatroomId);
    void forget(const QString &chatroomId);
    void rebuild();

    QPointer<ChatroomListModel> m_source;
    QString m_query;
};

} // namespace handover
