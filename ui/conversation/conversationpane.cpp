#include "ui/conversation/conversationpane.h"

#include "client/consolesession.h"
#include "ui/conversation/composer.h"
#include "ui/conversation/conversationfeed.h"
#include "ui/conversation/conversationheader.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/conversation/conversationtext.h"
#include "ui/conversation/conversationview.h"
#include "ui/conversation/templatedialog.h"
#include "ui/media/mediaviewer.h"
#include "ui/media/thumbnailcache.h"

#include <QDesktopServices>
#include <QEvent>
#include <QLabel>
#include <QStackedLayout>
#include <QVBoxLayout>
#include <chrono>

namespace handover {

ConversationPane::ConversationPane(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("conversationPane"));
    auto *empty = new QLabel(this);
    m_emptyLabel = empty;
    empty->setObjectName(QStringLiteral("conversationEmpty"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setForegroundRole(QPalette::PlaceholderText);
    empty->setText(tr("Choose a chatroom to see its conversation."));

    auto *content = new QWidget(this);
    m_header = new ConversationHeader(clock, content);
    m_view = new ConversationView(clock, content);
    m_composer = new Composer(clock, content);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_header);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_composer);

    m_pages = new QStackedLayout(this);
    m_pages->addWidget(empty);
    m_pages->addWidget(content);

    connect(m_composer, &Composer::templatesWanted, this, &ConversationPane::openTemplateDialog);
    connect(m_composer, &Composer::mediaUploaded, this, [this](const MediaAttachment &upload) {
        if (m_model)
            m_model->noteUpload(upload);
    });
    connect(m_composer, &Composer::mediaQueued, m_view, &ConversationView::scrollToNewest);
    connect(m_view, &ConversationView::imageRequested, this, &ConversationPane::openMediaViewer);
    connect(m_view, &ConversationView::fileOpenRequested, this,
            [this](const QString &path) { openUrl(QUrl::fromLocalFile(path)); });
    connect(m_view, &ConversationView::linkRequested, this, &ConversationPane::openUrl);
    m_openUrl = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    connect(m_header, &ConversationHeader::noticeDismissed, this,
            [this] { m_handedOver.remove(chatroomId()); });
    connect(m_view, &ConversationView::retryRequested, this, [this](qint64 localId) {
        if (!m_session)
            return;
        const Result<void> retried = m_session->outbox().retry(localId);
        if (!retried)
            Q_EMIT problem(tr("The message could not be queued again: %1").arg(retried.error().description));
    });
    connect(m_view, &ConversationView::editRequested, this, [this](qint64 localId) {
        if (!m_session)
            return;
        const auto item = m_session->outbox().item(localId);
        if (!item || !item->has_value())
            return;
        const QString text = (*item)->payload.value(QLatin1String("text")).toString();
        if (const Result<void> dropped = m_session->outbox().discard(localId); !dropped) {
            Q_EMIT problem(tr("The message could not be taken back: %1").arg(dropped.error().description));
            return;
        }
        m_composer->takeBack(text);
    });
    // The window's time left counts in minutes.
    m_clockTimer.setInterval(std::chrono::seconds(30));
    connect(&m_clockTimer, &QTimer::timeout, m_header, &ConversationHeader::refresh);
    m_clockTimer.start();
    setSession(nullptr);
}

ConversationPane::~ConversationPane()
{
    setSession(nullptr);
}

void ConversationPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_emptyLabel->setText(tr("Choose a chatroom to see its conversation."));
    QWidget::changeEvent(event);
}

void ConversationPane::setSession(client::ConsoleSession *session)
{
    for (const QMetaObject::Connection &c : std::as_const(m_sessionConnections))
        disconnect(c);
    m_sessionConnections.clear();
    delete m_dialog;
    delete m_viewer;
    m_view->setConversationModel(nullptr);
    m_view->setMediaSources(nullptr, nullptr);
    m_feed.reset();
    m_model.reset();
    m_thumbnails.reset();
    m_names.clear();
    m_users.clear();
    m_templates.clear();
    m_handedOver.clear();
    m_session = session;
    m_composer->setOutbox(session ? &session->outbox() : nullptr);
    m_composer->setApi(session ? &session->api() : nullptr);
    if (!session) {
        showChatroom({});
        return;
    }
    m_model = std::make_unique<ConversationModel>(session->user().id);
    m_feed = std::make_unique<ConversationFeed>(*session, *m_model);
    m_view->setConversationModel(m_model.get());
    m_thumbnails =
        std::make_unique<ThumbnailCache>(ThumbnailCache::fetchFrom(session->api()), &session->mediaCache());
    m_view->setMediaSources(m_thumbnails.get(), &session->downloads());
    connect(m_model.get(), &ConversationModel::chatroomChanged, this, &ConversationPane::chatroomChanged);
    connect(m_feed.get(), &ConversationFeed::problem, this, &ConversationPane::problem);
    m_sessionConnections.append(
        connect(session, &client::ConsoleSession::eventsApplied, this, &ConversationPane::noteAssignments));
    loadDirectory();
    showChatroom({});
}

void ConversationPane::loadDirectory()
{
    client::UserDirectory &directory = m_session->directory();
    m_sessionConnections.append(
        connect(&directory, &client::UserDirectory::changed, this, &ConversationPane::directoryChanged));
    directoryChanged();
    directory.load();
    m_session->api().templates(true, this, [this](client::ApiResult<QList<MessageTemplate>> templates) {
        if (!templates || !m_model)
            return;
        m_templates = *templates;
        m_model->setTemplates(m_templates);
    });
}

void ConversationPane::directoryChanged()
{
    if (!m_session || !m_model)
        return;
    m_users = m_session->directory().users();
    m_names = m_session->directory().names();
    m_model->setUserNames(m_names);
    chatroomChanged();
}

void ConversationPane::showChatroom(const ChatroomId &id)
{
    if (m_dialog && (id.isEmpty() || id != chatroomId()))
        m_dialog->reject(); // a template for one chatroom must not go to another
    if (m_feed)
        m_feed->show(m_session ? id : ChatroomId());
    m_pages->setCurrentIndex(m_session && !id.isEmpty() ? 1 : 0);
    chatroomChanged();
    if (m_model && !id.isEmpty())
        m_view->scrollToNewest();
}

TemplateDialog *ConversationPane::templateDialog() const
{
    return m_dialog;
}

MediaViewer *ConversationPane::mediaViewer() const
{
    return m_viewer;
}

void ConversationPane::openMediaViewer(const MediaAttachment &media)
{
    if (!m_session)
        return;
    delete m_viewer; // one photo at a time
    auto *viewer = new MediaViewer(media, m_session->downloads(), m_thumbnails.get(), this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    m_viewer = viewer;
    viewer->show();
    Q_EMIT mediaViewerOpened(viewer);
}

void ConversationPane::openUrl(const QUrl &url)
{
    if (m_openUrl && !m_openUrl(url))
        Q_EMIT problem(tr("No application could open %1.").arg(url.toDisplayString()));
}

ChatroomId ConversationPane::chatroomId() const
{
    return m_model ? m_model->chatroomId() : ChatroomId();
}

void ConversationPane::focusComposer()
{
    m_composer->focusText();
}

void ConversationPane::chatroomChanged()
{
    const std::optional<Chatroom> chatroom = m_model ? m_model->chatroom() : std::nullopt;
    const UserId viewer = m_session ? m_session->user().id : UserId();
    m_header->setChatroom(chatroom, viewer, m_names);
    m_composer->setChatroom(chatroom, viewer);
    updateNotice();
}

void ConversationPane::noteAssignments(const QList<Event> &events)
{
    const UserId viewer = m_session->user().id;
    for (const Event &event : events) {
        if (event.kind == EventKind::ChatroomAssigned && event.userId == viewer &&
            event.reason != reason::created()) {
            m_handedOver.insert(event.chatroom.id, event.reason);
        } else if (event.kind == EventKind::MessageCreated && event.message &&
                   event.message->kind == MessageKind::System && event.message->sender.userId == viewer &&
                   m_handedOver.contains(event.chatroom.id)) {
            m_handedOver.insert(event.chatroom.id, event.message->text); // names the button tapped
        } else if (event.kind == EventKind::ChatroomUnassigned && event.userId == viewer) {
            m_handedOver.remove(event.chatroom.id);
        }
    }
    updateNotice();
}

void ConversationPane::updateNotice()
{
    const auto reason = m_handedOver.constFind(chatroomId());
    m_header->setNotice(reason == m_handedOver.cend() || chatroomId().isEmpty()
                            ? QString()
                            : ConversationText::handoverNotice(*reason));
}

void ConversationPane::openTemplateDialog()
{
    if (!m_session || chatroomId().isEmpty() || m_composer->mode().kind == ComposerMode::Kind::Disabled)
        return;
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    auto *dialog = new TemplateDialog(chatroomId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOutbox(&m_session->outbox());
    if (m_templates.isEmpty())
        dialog->loadTemplates(m_session->api());
    else
        dialog->setTemplates(m_templates);
    connect(dialog, &TemplateDialog::templatesLoaded, this, [this, dialog] {
        m_templates = dialog->templates();
        if (m_model)
            m_model->setTemplates(m_templates);
    });
    connect(dialog, &TemplateDialog::templateQueued, m_view, &ConversationView::scrollToNewest);
    dialog->setPreviewValues(previewValues());
    const std::optional<Chatroom> &chatroom = m_model->chatroom();
    if (chatroom && !chatroom->contactId.isEmpty() && roleSeesAllChatrooms(m_session->role())) {
        // The customer's names are the server's to give, to supervisors and admins (a MEMBER gets 403).
        const QPointer<TemplateDialog> shown = dialog;
        m_session->api().contact(chatroom->contactId, dialog, [shown](client::ApiResult<Contact> contact) {
            if (!contact || !shown)
                return;
            shown->setPreviewValues({{QStringLiteral("contact.first_name"), contact->firstName},
                                     {QStringLiteral("contact.last_name"), contact->lastName},
                                     {QStringLiteral("contact.crm_id"), contact->crmId},
                                     {QStringLiteral("contact.phone_number"), contact->phoneNumber},
                                     {QStringLiteral("contact.display_name"), derivedDisplayName(*contact)}});
        });
    }
    m_dialog = dialog;
    dialog->open();
    Q_EMIT templateDialogOpened(dialog);
}

// The AUTO_FILL values the console knows for the shown chatroom, as the server will fill them (R17): the
// customer's phone (and name, when derived from the contact), and the agent the template goes out as: the
// viewer when they take part, else the first participant.
QHash<QString, QString> ConversationPane::previewValues() const
{
    QHash<QString, QString> values;
    const std::optional<Chatroom> chatroom = m_model ? m_model->chatroom() : std::nullopt;
    if (!chatroom || !m_session)
        return values;
    values.insert(QStringLiteral("contact.phone_number"), chatroom->phoneNumber);
    if (chatroom->displayNameDerived)
        values.insert(QStringLiteral("contact.display_name"), chatroom->displayName);
    std::optional<User> agent;
    if (chatroom->hasParticipant(m_session->user().id))
        agent = m_session->user();
    else if (!chatroom->participants.isEmpty() && m_users.contains(chatroom->participants.first().userId))
        agent = m_users.value(chatroom->participants.first().userId);
    if (agent) {
        values.insert(QStringLiteral("agent.first_name"), agent->firstName);
        values.insert(QStringLiteral("agent.last_name"), agent->lastName);
        values.insert(QStringLiteral("agent.email"), agent->email);
    }
    return values;
}

} // namespace handover
