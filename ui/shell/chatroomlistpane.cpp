#include "ui/shell/chatroomlistpane.h"

#include "client/consolesession.h"
#include "core/logging.h"
#include "ui/chatroomlist/chatroomfiltermodel.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/chatroomlist/chatroomlistview.h"

#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTabBar>
#include <QVBoxLayout>

namespace handover {

QString viewTitle(View view)
{
    switch (view) {
    case View::Mine:
        return ChatroomListPane::tr("Mine");
    case View::AwaitingHandover:
        return ChatroomListPane::tr("Awaiting handover");
    case View::All:
        return ChatroomListPane::tr("All");
    }
    return {};
}

ChatroomListPane::ChatroomListPane(const Clock &clock, QWidget *parent) : QWidget(parent), m_clock(clock)
{
    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_tabs->setExpanding(true);
    m_tabs->setDocumentMode(true);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("chatroomSearch"));
    m_search->setClearButtonEnabled(true);
    m_list = new ChatroomListView(clock, this);
    m_list->setObjectName(QStringLiteral("chatroomList"));
    m_results = new ChatroomListView(clock, this);
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("emptyList"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_list);
    m_stack->addWidget(m_results);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_tabs);
    layout->addWidget(m_search);
    layout->addWidget(m_stack, 1);

    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0 && index < m_views.size())
            setView(m_views.at(index));
    });
    connect(m_search, &QLineEdit::textChanged, this, &ChatroomListPane::updateSearch);
    for (ChatroomListView *list : {m_list, m_results}) {
        connect(list, &ChatroomListView::currentChatroomChanged, this, [this, list](const QString &id) {
            if (list == activeList())
                Q_EMIT currentChatroomChanged(id);
        });
    }
    retranslate();
    updateViewTabs();
}

ChatroomListPane::~ChatroomListPane()
{
    // The views let go of the models before the models go.
    m_list->setModel(nullptr);
    m_results->setModel(nullptr);
}

void ChatroomListPane::setSession(client::ConsoleSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_views = {View::Mine};
    if (session && roleSeesAllChatrooms(session->role()))
        m_views << View::AwaitingHandover << View::All;
    if (session) {
        connect(session, &client::ConsoleSession::eventsApplied, this, &ChatroomListPane::applyEvents);
        connect(session, &client::ConsoleSession::cacheReloaded, this, &ChatroomListPane::reload);
    }
    // Supervisors start where everything is; agents where their own chatrooms are.
    m_view = m_views.contains(View::All) ? View::All : View::Mine;
    updateViewTabs();
    reload();
}

void ChatroomListPane::setView(View view)
{
    if (!m_views.contains(view) || (view == m_view && m_model))
        return;
    m_view = view;
    updateViewTabs();
    reload();
    Q_EMIT viewChanged(view);
}

void ChatroomListPane::reload()
{
    const ChatroomId current = currentChatroom();
    {
        // The swap passes through "nothing selected"; the window hears only where it ends (a reset must not
        // close the conversation and lose its draft).
        const QSignalBlocker listBlocker(m_list);
        const QSignalBlocker resultsBlocker(m_results);
        m_list->setModel(nullptr);
        m_results->setModel(nullptr);
        m_filter.reset();
        m_model.reset();
        if (m_session) {
            m_model = std::make_unique<ChatroomListModel>(m_view, m_session->user().id);
            auto chatrooms = m_session->cache().chatrooms(m_view);
            if (chatrooms)
                m_model->resetWith(std::move(*chatrooms));
            else
                qCWarning(lcUi) << "chatroom list: the cache could not be read:" << chatrooms.error().description;
            m_filter = std::make_unique<ChatroomFilterModel>(m_model.get());
            m_list->setModel(m_model.get());
            m_results->setModel(m_filter.get());
            for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_model.get()),
                                              static_cast<QAbstractItemModel *>(m_filter.get())}) {
                connect(model, &QAbstractItemModel::rowsInserted, this, &ChatroomListPane::updateEmptyState);
                connect(model, &QAbstractItemModel::rowsRemoved, this, &ChatroomListPane::updateEmptyState);
                connect(model, &QAbstractItemModel::modelReset, this, &ChatroomListPane::updateEmptyState);
            }
            updateSearch();
            if (!current.isEmpty())
                setCurrentChatroom(current);
        }
    }
    updateEmptyState();
    if (currentChatroom() != current)
        Q_EMIT currentChatroomChanged(currentChatroom());
}

void ChatroomListPane::applyEvents(const QList<Event> &events)
{
    if (m_model)
        m_model->applyEvents(events);
}

void ChatroomListPane::updateViewTabs()
{
    const QSignalBlocker blocker(m_tabs);
    while (m_tabs->count() > 0)
        m_tabs->removeTab(0);
    for (View view : std::as_const(m_views)) {
        const int index = m_tabs->addTab(viewTitle(view));
        m_tabs->setTabData(index, viewName(view));
    }
    m_tabs->setCurrentIndex(int(m_views.indexOf(m_view)));
    m_tabs->setVisible(m_views.size() > 1);
}

void ChatroomListPane::updateSearch()
{
    if (m_filter)
        m_filter->setQuery(m_search->text());
    updateEmptyState();
}

void ChatroomListPane::updateEmptyState()
{
    const bool searching = !m_search->text().trimmed().isEmpty();
    ChatroomListView *list = searching ? m_results : m_list;
    const int rows = list->model() ? list->model()->rowCount() : 0;
    if (rows > 0) {
        m_stack->setCurrentWidget(list);
        return;
    }
    if (searching)
        m_empty->setText(tr("No chatroom matches \u201c%1\u201d.").arg(m_search->text().trimmed()));
    else if (m_view == View::Mine)
        m_empty->setText(tr("No chatrooms are assigned to you yet.\nHanded over chatrooms appear here."));
    else if (m_view == View::AwaitingHandover)
        m_empty->setText(tr("No chatroom is waiting for an agent."));
    else
        m_empty->setText(tr("No chatrooms yet."));
    m_stack->setCurrentWidget(m_empty);
}

ChatroomListView *ChatroomListPane::activeList() const
{
    return m_search->text().trimmed().isEmpty() ? m_list : m_results;
}

ChatroomId ChatroomListPane::currentChatroom() const
{
    return activeList()->currentChatroom();
}

void ChatroomListPane::setCurrentChatroom(const ChatroomId &id)
{
    // A chatroom outside the search's results is shown in the list itself.
    if (m_filter && !m_search->text().trimmed().isEmpty() && m_filter->rowOf(id) < 0)
        m_search->clear();
    activeList()->setCurrentChatroom(id);
}

void ChatroomListPane::selectNext()
{
    ChatroomListView *list = activeList();
    if (!list->model() || list->model()->rowCount() == 0)
        return;
    const int row = std::min(list->currentRow() + 1, list->model()->rowCount() - 1);
    list->setCurrentChatroom(list->model()->idAt(row));
}

void ChatroomListPane::selectPrevious()
{
    ChatroomListView *list = activeList();
    if (!list->model() || list->model()->rowCount() == 0)
        return;
    const int row = std::max(list->currentRow() - 1, 0);
    list->setCurrentChatroom(list->model()->idAt(row));
}

bool ChatroomListPane::selectNextUnread()
{
    ChatroomListView *list = activeList();
    ChatroomRowsModel *model = list->model();
    if (!model)
        return false;
    const int count = model->rowCount();
    const int start = list->currentRow();
    // From the row after the current one, wrapping around: the newest unread first when nothing is selected.
    for (int step = 1; step <= count; ++step) {
        const int row = (start + step + count) % count;
        if (model->data(model->index(row), UnreadCountRole).toInt() > 0) {
            list->setCurrentChatroom(model->idAt(row));
            return true;
        }
    }
    return false;
}

void ChatroomListPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ChatroomListPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateViewTabs();
        updateEmptyState();
    }
    QWidget::changeEvent(event);
}

void ChatroomListPane::retranslate()
{
    m_search->setPlaceholderText(tr("Search by name or phone (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search chatrooms"));
    m_tabs->setAccessibleName(tr("Chatroom views"));
    m_list->setAccessibleName(tr("Chatrooms"));
    m_results->setAccessibleName(tr("Search results"));
}

} // namespace handover
