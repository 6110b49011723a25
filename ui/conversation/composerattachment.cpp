// The composer's files: attaching (the Attach button, a drop), uploading, and sending them as media messages.
#include "client/apiclient.h"
#include "client/mediaupload.h"
#include "client/outbox.h"
#include "core/rules/messagesend.h"
#include "ui/common/messagewording.h"
#include "ui/conversation/attachmentstrip.h"
#include "ui/conversation/composer.h"

#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>

namespace handover {

namespace {

QStringList localFiles(const QMimeData *data)
{
    QStringList files;
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    }
    return files;
}

} // namespace

bool Composer::isFileDrag(const QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return false;
    return !localFiles(static_cast<const QDropEvent *>(event)->mimeData()).isEmpty();
}

void Composer::setApi(client::ApiClient *api)
{
    removeAttachment(); // an upload belongs to the session it was made in
    m_api = api;
    updateMode();
}

bool Composer::canAttach() const
{
    return m_api && m_outbox && m_chatroom && m_mode.kind == ComposerMode::Kind::Text;
}

void Composer::chooseFile()
{
    updateMode();
    if (!canAttach())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Attach a file"));
    if (!path.isEmpty())
        attachFile(path);
}

bool Composer::attachFile(const QString &path)
{
    updateMode();
    if (!canAttach()) {
        showNotice(m_mode.kind == ComposerMode::Kind::Text
                       ? tr("Files cannot be sent from here.")
                       : tr("Files can be sent only while free text can: %1").arg(m_mode.reason),
                   true);
        return false;
    }
    const client::Attachment attachment = client::Attachment::fromFile(path);
    if (attachment.problem != client::Attachment::Problem::None) {
        showNotice(attachmentProblem(attachment), true); // whatever was attached before stays
        return false;
    }
    removeAttachment();
    m_upload = std::make_unique<client::MediaUpload>(*m_api, attachment);
    connect(m_upload.get(), &client::MediaUpload::progressed, m_strip, &AttachmentStrip::setProgress);
    connect(m_upload.get(), &client::MediaUpload::uploaded, this, &Composer::uploaded);
    connect(m_upload.get(), &client::MediaUpload::failed, this, &Composer::uploadFailed);
    m_strip->showAttachment(attachment);
    m_upload->start();
    updateLength();
    return true;
}

void Composer::removeAttachment()
{
    // Deleting the upload drops its answer; a file the server already has is never sent and does no harm.
    m_upload.reset();
    m_sendWhenUploaded = false;
    m_strip->hide();
    updateLength();
}

QString Composer::attachmentProblem(const client::Attachment &attachment)
{
    using Problem = client::Attachment::Problem;
    switch (attachment.problem) {
    case Problem::Unreadable:
        return tr("%1 cannot be read.").arg(attachment.fileName);
    case Problem::Empty:
        return tr("%1 is empty.").arg(attachment.fileName);
    case Problem::TooLarge: {
        const QString size = MessageWording::fileSize(attachment.size);
        const QString limit = MessageWording::fileSize(attachment.limit);
        if (attachment.limit == kMaxImageBytes)
            return tr("%1 is %2: WhatsApp takes pictures of at most %3.")
                .arg(attachment.fileName, size, limit);
        if (attachment.limit == kMaxAudioVideoBytes)
            return tr("%1 is %2: WhatsApp takes audio and video of at most %3.")
                .arg(attachment.fileName, size, limit);
        return tr("%1 is %2: WhatsApp takes files of at most %3.").arg(attachment.fileName, size, limit);
    }
    case Problem::None:
        break;
    }
    return {};
}

QString Composer::uploadFailure(const client::ApiError &error)
{
    if (error.kind == client::ApiError::Kind::Network)
        return tr("The upload did not reach the server. Send tries again.");
    if (error.httpStatus == 413)
        return tr("The server takes no file this large.");
    if (error.httpStatus == 503)
        return tr("The server is busy with other uploads. Send tries again.");
    return tr("The upload failed: %1 Send tries again.").arg(error.error.description);
}

void Composer::uploaded(const client::UploadedMedia &media)
{
    Q_EMIT mediaUploaded(media.attachment());
    m_strip->setProgress(1, 1);
    m_strip->setStatus(m_upload && m_upload->attachment().kind == MessageKind::Audio
                           ? tr("Uploaded. Send sends it; your text goes as a message after it.")
                           : tr("Uploaded. Send sends it with your text as its caption."),
                       false);
    updateLength();
    if (std::exchange(m_sendWhenUploaded, false))
        send();
}

void Composer::uploadFailed(const client::ApiError &error)
{
    m_sendWhenUploaded = false;
    m_strip->setStatus(uploadFailure(error), true);
    updateLength();
}

bool Composer::sendAttachment()
{
    if (m_mode.kind != ComposerMode::Kind::Text || !m_outbox || !m_chatroom || !m_upload)
        return false;
    const MessageKind kind = m_upload->attachment().kind;
    const bool audio = kind == MessageKind::Audio; // WhatsApp shows no caption on audio
    const QString words = text().trimmed();
    if (words.size() > (audio ? kMaxTextLength : kMaxCaptionLength))
        return false; // the line under the box says so; nothing is lost
    if (!m_upload->result()) {
        m_sendWhenUploaded = true;
        if (!m_upload->isRunning()) {
            m_strip->setProgress(0, 1);
            m_upload->start();
        }
        m_strip->setStatus(tr("Uploading\u2026 It is sent as soon as the upload is done."), false);
        return true;
    }
    const auto queued =
        m_outbox->enqueueMedia(m_chatroom->id, kind, m_upload->result()->id, audio ? QString() : words);
    if (!queued) {
        showNotice(tr("The file could not be stored for sending: %1").arg(queued.error().description), true);
        return false;
    }
    removeAttachment();
    Q_EMIT mediaQueued(queued->localId);
    if (audio && !words.isEmpty()) {
        const auto text = m_outbox->enqueueText(m_chatroom->id, words);
        if (!text) {
            showNotice(tr("The message could not be stored: %1").arg(text.error().description), true);
            return true; // the file went; the words stay in the box
        }
        Q_EMIT textQueued(text->localId);
    }
    m_text->clear();
    return true;
}

void Composer::updateSendable()
{
    const bool textMode = m_mode.kind == ComposerMode::Kind::Text;
    const bool audio = m_upload->attachment().kind == MessageKind::Audio;
    const int limit = audio ? kMaxTextLength : kMaxCaptionLength;
    const int length = int(text().trimmed().size());
    const int over = length - limit;
    m_send->setEnabled(textMode && over <= 0);
    const QLocale locale;
    m_counter->setVisible(textMode && over > -100);
    m_counter->setText(tr("%1 / %2").arg(locale.toString(length), locale.toString(limit)));
    QFont counterFont = m_counter->font();
    counterFont.setBold(over > 0);
    m_counter->setFont(counterFont);
    m_counter->setForegroundRole(over > 0 ? QPalette::WindowText : QPalette::PlaceholderText);
    if (textMode && over > 0 && audio)
        showNotice(tooLongForOneMessage(over), true);
    else if (textMode && over > 0)
        showNotice(
            tr("A caption can have at most %1 characters; this one has %n too many. Shorten it, or send "
               "the file first and the words after it.",
               nullptr, over)
                .arg(locale.toString(limit)),
            true);
    else
        showNotice(m_chatroom ? m_mode.reason : QString(), false);
}

bool Composer::acceptsDrag(const QMimeData *mime) const
{
    return canAttach() && !localFiles(mime).isEmpty();
}

void Composer::dropFiles(const QMimeData *mime)
{
    const QStringList files = localFiles(mime);
    if (files.isEmpty())
        return;
    if (attachFile(files.first()) && files.size() > 1)
        showNotice(tr("One file at a time: %1 is attached, the others were left out.")
                       .arg(m_upload->attachment().fileName),
                   false);
}

void Composer::dragEnterEvent(QDragEnterEvent *event)
{
    if (acceptsDrag(event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void Composer::dropEvent(QDropEvent *event)
{
    event->acceptProposedAction();
    dropFiles(event->mimeData());
}

} // namespace handover
