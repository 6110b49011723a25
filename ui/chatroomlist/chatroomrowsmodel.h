#pragma once

#include "core/chatroomindex.h"
#include "core/domain/chatroom.h"

#include <QAbstractListModel>

namespace handover {

// What a chatroom row answers besides Qt::DisplayRole (the display name). ChatroomDelegate paints from these.
enum ChatroomRole : int
{
    ChatroomIdRole = Qt::UserRole + 1, // QString
    DisplayNameRole,                   // QString; the phone number when the chatroom has no name
    PreviewRole,                       // QString: the newest message of any kind, silent or not, worded
                                       // by its kind ("📷 Photo") in the user's language
    LastActivityAtRole,                // QDateTime (UTC): that message's time, else the chatroom's creation
    UnreadCountRole,                   // int: the viewer's own unread count, 0 when not a participant
    PendingHandoverRole,               // bool (R2, R8)
    WindowExpiresAtRole,               // QDateTime (UTC), null before the customer ever wrote (R19)
    StateRole,                         // int: a ChatroomState
    LastMessageSilentRole,             // bool: the preview is a silent automation message (R4s)
    ParticipantIdsRole,                // QStringList: the agents who have it, in the order they joined
};

// A list of chatrooms in the order of R20, kept in a ChatroomIndex: finding a row, reading row i and moving a
// row are O(log n). The index announces every change and this class only translates the announcements into
// the model's begin/end signals, so subclasses change rows through editRowOrder() and nothing else.
class ChatroomRowsModel : public QAbstractListModel, protected ChatroomIndexObserver
{
    Q_OBJECT

public:
    ~ChatroomRowsModel() override;

    // The chatroom with this id if it is in the list, else nullptr.
    virtual const Chatroom *chatroom(const ChatroomId &id) const = 0;
    // Whose list this is: unread counts are this user's.
    virtual UserId viewerId() const = 0;

    const Chatroom *chatroomAt(int row) const; // nullptr outside [0, rowCount())
    ChatroomId idAt(int row) const;            // a null string outside
    int rowOf(const ChatroomId &id) const;     // -1 if absent
    const ChatroomIndex &rowOrder() const { return m_order; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QVariant chatroomData(const Chatroom &chatroom, int role, const UserId &viewerId);

protected:
    explicit ChatroomRowsModel(QObject *parent = nullptr);

    ChatroomIndex &editRowOrder() { return m_order; }

    void rowAboutToBeInserted(int row) override;
    void rowInserted(int row) override;
    void rowAboutToBeRemoved(int row) override;
    void rowRemoved(int row) override;
    void rowAboutToMove(int from, int to) override;
    void rowMoved(int from, int to) override;
    void aboutToReset() override;
    void resetDone() override;

    void emitRowChanged(int row);

private:
    ChatroomIndex m_order;
};

} // namespace handover
