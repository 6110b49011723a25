#pragma once

#include "core/domain/chatroom.h"
#include "core/domain/event.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>

class QStackedLayout;

class QLabel;

namespace handover {

class Clock;
class Composer;
class ConversationFeed;
class ConversationHeader;
class ConversationModel;
class ConversationView;
class MediaViewer;
class TemplateDialog;
class ThumbnailCache;
namespace client {
class ConsoleSession;
}

// The right-hand side of the console: the chatroom's header, its timeline and the composer. It shows the
// chatroom from the local cache at once and follows the session's events and outbox; sends, template sends
// and retries go through the outbox. A chatroom shown with unread messages is marked read.
class ConversationPane final : public QWidget
{
    Q_OBJECT

public:
    // The clock must outlive the pane.
    explicit ConversationPane(const Clock &clock, QWidget *parent = nullptr);
    ~ConversationPane() override;

    // The session to show chatrooms of; null: none (the pane is empty). The session must outlive the pane
    // or be replaced first.
    void setSession(client::ConsoleSession *session);
    // An empty id shows the empty state.
    void showChatroom(const ChatroomId &id);
    ChatroomId chatroomId() const;
    void focusComposer();
    // Opens the template dialog for the shown chatroom (also Ctrl+T); nothing when nothing can be sent.
    void openTemplateDialog();

    ConversationModel *model() const { return m_model.get(); }
    ConversationView *view() const { return m_view; }
    Composer *composer() const { return m_composer; }
    ConversationHeader *header() const { return m_header; }
    TemplateDialog *templateDialog() const; // the open one, if any
    MediaViewer *mediaViewer() const;       // the open one, if any
    ThumbnailCache *thumbnails() const { return m_thumbnails.get(); }
    // What opens a downloaded file or a place's map: QDesktopServices::openUrl, the system's application for
    // it. Tests put their own.
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_openUrl = std::move(opener); }

Q_SIGNALS:
    void templateDialogOpened(handover::TemplateDialog *dialog);
    void mediaViewerOpened(handover::MediaViewer *viewer);
    // Something local went wrong (the cache or the outbox could not be written); for the status bar.
    void problem(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *m_emptyLabel = nullptr;
    void chatroomChanged();
    void noteAssignments(const QList<Event> &events);
    void loadDirectory();
    void directoryChanged();
    void updateNotice();
    QHash<QString, QString> previewValues() const;
    void openMediaViewer(const MediaAttachment &media);
    void openUrl(const QUrl &url);

    const Clock &m_clock;
    client::ConsoleSession *m_session = nullptr;
    std::unique_ptr<ThumbnailCache> m_thumbnails;
    std::unique_ptr<ConversationModel> m_model;
    std::unique_ptr<ConversationFeed> m_feed;
    QStackedLayout *m_pages = nullptr;
    ConversationHeader *m_header = nullptr;
    ConversationView *m_view = nullptr;
    Composer *m_composer = nullptr;
    QPointer<TemplateDialog> m_dialog;
    QPointer<MediaViewer> m_viewer;
    std::function<bool(const QUrl &)> m_openUrl;
    QHash<UserId, QString> m_names;
    QHash<UserId, User> m_users; // supervisors and admins: the org's users, for templates' agent values
    QList<MessageTemplate> m_templates;
    QHash<ChatroomId, QString> m_handedOver; // chatrooms that came to the viewer this session: the reason
    QTimer m_clockTimer;
    QList<QMetaObject::Connection> m_sessionConnections;
};

} // namespace handover
