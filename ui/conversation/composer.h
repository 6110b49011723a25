#pragma once

#include "core/domain/chatroom.h"
#include "ui/conversation/composermode.h"
#include "ui/conversation/richcontentmetatypes.h"

#include <QTimer>
#include <QWidget>
#include <memory>
#include <optional>

class QDragEnterEvent;
class QDropEvent;
class QKeyEvent;
class QMimeData;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace handover {

class AttachmentStrip;
class Clock;
namespace client {
class ApiClient;
class MediaUpload;
class Outbox;
struct ApiError;
struct Attachment;
struct UploadedMedia;
} // namespace client

// The box under the conversation. Inside the 24h window a participant writes free text and sends it with
// Enter (Shift+Enter starts a new line; with setEnterSends(false) Enter is a new line), Ctrl+Enter or Send.
// Near WhatsApp's limit of 4,096 characters a counter shows; a longer text is not sent and stays in the box,
// with a line saying by how much it is over. Otherwise (R19, or not a participant) it is in template mode and
// says why, and in an inactive chatroom it is disabled with the reason. Sends go into the outbox. The mode
// follows the injected clock: it is checked again when the window ends and every minute for the time-left
// line.
//
// Files go out like text, inside the window only: the Attach button (Ctrl+Shift+A) or a file dropped on the
// composer attaches one. It is checked against WhatsApp's limits before anything goes out, uploaded at once
// with its progress shown above the text, and sent with Send as a photo, document, audio or video by its
// media type, the text as its caption. A send made while the upload runs goes when it is done; a failed
// upload, like a refused send, keeps the text and the file for another try.
class Composer final : public QWidget
{
    Q_OBJECT

public:
    explicit Composer(const Clock &clock, QWidget *parent = nullptr);
    ~Composer() override;

    void setOutbox(client::Outbox *outbox);
    // The session's client, which uploads files; null: files cannot be attached.
    void setApi(client::ApiClient *api);
    void setChatroom(const std::optional<Chatroom> &chatroom, const UserId &viewerId);
    const ComposerMode &mode() const { return m_mode; }
    QString text() const;
    void setText(const QString &text);
    void focusText();
    // Enter sends and Shift+Enter starts a new line (the default), or Enter starts a new line; Ctrl+Enter
    // sends either way.
    void setEnterSends(bool enterSends);
    bool enterSends() const { return m_enterSends; }
    // The words of a send that failed, back in the box after what is there, to change and send again.
    void takeBack(const QString &words);

    // ---- attachments (composerattachment.cpp)
    // Whether a file can be attached now: a chatroom whose window is open, and a session to upload through.
    bool canAttach() const;
    // Attaches the file at `path` in place of any other and starts uploading it; false, with a line saying
    // why, when it cannot be sent (outside the window, unreadable, empty, over WhatsApp's limit).
    bool attachFile(const QString &path);
    void removeAttachment();
    bool hasAttachment() const { return m_upload != nullptr; }
    const client::MediaUpload *upload() const { return m_upload.get(); }
    AttachmentStrip *attachmentStrip() const { return m_strip; }
    // The words for a file that cannot be sent, and for an upload the server did not take.
    static QString attachmentProblem(const client::Attachment &attachment);
    static QString uploadFailure(const client::ApiError &error);

public Q_SLOTS:
    // Reads the clock and the chatroom again.
    void updateMode();
    // Sends the text (or the attached file, the text as its caption) through the outbox; false if there was
    // nothing to send or it could not be stored.
    bool send();
    // The file dialog of the Attach button.
    void chooseFile();

Q_SIGNALS:
    void textQueued(qint64 localId);
    // An attached file reached the server (before it is sent: the timeline can show its name at once).
    void mediaUploaded(const handover::MediaAttachment &upload);
    void mediaQueued(qint64 localId);
    // The user wants the template dialog (the Templates button or Ctrl+T).
    void templatesWanted();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void retranslate();
    void showNotice(const QString &text, bool problem);
    void updateLength();
    bool handleKey(const QKeyEvent *key);
    bool sendAttachment();
    static QString tooLongForOneMessage(int over);
    void uploaded(const client::UploadedMedia &media);
    void uploadFailed(const client::ApiError &error);
    bool acceptsDrag(const QMimeData *mime) const;
    static bool isFileDrag(const QEvent *event); // a drag or drop that carries local files
    void dropFiles(const QMimeData *mime);
    // The words of the text and the attachment's state: whether Send can go, and the line that says why not.
    void updateSendable();

    const Clock &m_clock;
    client::Outbox *m_outbox = nullptr;
    client::ApiClient *m_api = nullptr;
    std::unique_ptr<client::MediaUpload> m_upload; // the attached file and its upload
    bool m_sendWhenUploaded = false;
    std::optional<Chatroom> m_chatroom;
    UserId m_viewerId;
    ComposerMode m_mode;
    QTimer m_modeTimer;
    bool m_enterSends = true;
    QLabel *m_notice = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_counter = nullptr;
    QPushButton *m_templates = nullptr;
    QPushButton *m_attach = nullptr;
    AttachmentStrip *m_strip = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace handover
