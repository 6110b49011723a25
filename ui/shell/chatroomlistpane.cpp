#include "ui/shell/chatroomlistpane.h"

#include "client/consolesession.h"
#include "core/logging.h"
#include "ui/chatroomlist/chatroomdelegate.h"
#include "ui/chatroomlist/chatroomfiltermodel.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/chatroomlist/chatroomlistview.h"
#include "ui/common/shortcutkeys.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QToolButton>
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

ChatroomListPane::ChatroomListPane(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
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

    m_closedSection = new QWidget(this);
    m_closedSection->setObjectName(QStringLiteral("closedSection"));
    m_closedToggle = new QToolButton(m_closedSection);
    m_closedToggle->setObjectName(QStringLiteral("closedToggle"));
    m_closedToggle->setCheckable(true);
    m_closedToggle->setAutoRaise(true);
    m_closedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_closedToggle->setArrowType(Qt::RightArrow);
    m_closedToggle->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_closedList = new ChatroomListView(clock, m_closedSection);
    m_closedList->setObjectName(QStringLiteral("closedList"));
    m_closedList->hide();
    auto *closedLayout = new QVBoxLayout(m_closedSection);
    closedLayout->setContentsMargins(0, 0, 0, 0);
    closedLayout->setSpacing(0);
    closedLayout->addWidget(m_closedToggle);
    closedLayout->addWidget(m_closedList, 1);
    m_split = new QSplitter(Qt::Vertical, this);
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_stack);
    m_split->addWidget(m_closedSection);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_tabs);
    layout->addWidget(m_search);
    layout->addWidget(m_split, 1);

    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0 && index < m_views.size())
            setView(m_views.at(index));
    });
    connect(m_search, &QLineEdit::textChanged, this, &ChatroomListPane::updateSearch);
    connect(m_closedToggle, &QToolButton::toggled, this, &ChatroomListPane::setClosedSectionExpanded);
    for (ChatroomListView *list : {m_list, m_results, m_closedList})
        connect(list, &ChatroomListView::currentChatroomChanged, this, &ChatroomListPane::listCurrentChanged);
    m_search->installEventFilter(this);
    m_results->installEventFilter(this);
    retranslate();
    updateViewTabs();
    updateClosedToggle();
}

ChatroomListPane::~ChatroomListPane()
{
    // The views let go of the models before the models go.
    for (ChatroomListView *list : {m_list, m_results, m_closedList})
        list->setModel(nullptr);
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
        connect(&session->directory(), &client::UserDirectory::changed, this,
                &ChatroomListPane::updateAssignees);
        session->directory().load();
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
    const ChatroomId before = m_current;
    {
        // The swap passes through "nothing selected"; the window hears only where it ends (a reset must not
        // close the conversation and lose its draft).
        const QSignalBlocker listBlocker(m_list);
        const QSignalBlocker resultsBlocker(m_results);
        const QSignalBlocker closedBlocker(m_closedList);
        for (ChatroomListView *list : {m_list, m_results, m_closedList})
            list->setModel(nullptr);
        m_filter.reset();
        m_closed.reset();
        m_open.reset();
        m_model.reset();
        if (m_session) {
            m_model = std::make_unique<ChatroomListModel>(m_view, m_session->user().id);
            auto chatrooms = m_session->cache().chatrooms(m_view);
            if (chatrooms)
                m_model->resetWith(std::move(*chatrooms));
            else
                qCWarning(lcUi) << "chatroom list: the cache could not be read:"
                                << chatrooms.error().description;
            m_open = std::make_unique<ChatroomFilterModel>(m_model.get(), ChatroomFilter::open());
            m_filter = std::make_unique<ChatroomFilterModel>(m_model.get());
            m_list->setModel(m_open.get());
            m_results->setModel(m_filter.get());
            connect(m_model.get(), &QAbstractItemModel::rowsInserted, this,
                    &ChatroomListPane::updateClosedToggle);
            connect(m_model.get(), &QAbstractItemModel::rowsRemoved, this,
                    &ChatroomListPane::updateClosedToggle);
            for (const auto &[model, list] :
                 {std::pair{m_open.get(), m_list}, std::pair{m_filter.get(), m_results}}) {
                connect(model, &QAbstractItemModel::rowsInserted, this,
                        [this, list](const QModelIndex &, int first, int last) {
                            rowsArrived(list, first, last);
                        });
                connect(model, &QAbstractItemModel::rowsRemoved, this, &ChatroomListPane::updateEmptyState);
                connect(model, &QAbstractItemModel::modelReset, this, &ChatroomListPane::updateEmptyState);
            }
            connect(m_open.get(), &QAbstractItemModel::rowsRemoved, this,
                    &ChatroomListPane::updateClosedToggle);
            updateSearch();
            if (isClosedSectionExpanded())
                setClosedSectionExpanded(true); // a model for the section again
        }
        m_current = m_model && m_model->rowOf(before) >= 0 ? before : ChatroomId();
        selectInLists();
    }
    updateEmptyState();
    updateClosedToggle();
    updateAssignees();
    if (m_current != before)
        Q_EMIT currentChatroomChanged(m_current);
}

void ChatroomListPane::updateAssignees()
{
    // Who has each chatroom matters where everyone's are: the All view.
    const bool shown = m_session && m_view == View::All;
    const QHash<UserId, QString> names = shown ? m_session->directory().names() : QHash<UserId, QString>();
    const UserId viewer = m_session ? m_session->user().id : UserId();
    for (ChatroomListView *list : {m_list, m_results, m_closedList}) {
        list->delegate()->setAssignees(shown, names, viewer);
        list->viewport()->update();
    }
}

void ChatroomListPane::applyEvents(const QList<Event> &events)
{
    if (m_model)
        m_model->applyEvents(events);
}

// ---- the one current chatroom

void ChatroomListPane::listCurrentChanged(const QString &chatroomId)
{
    if (m_selecting)
        return;
    if (!chatroomId.isEmpty()) {
        setCurrent(chatroomId); // the user chose it in one of the lists
        return;
    }
    // A list lost its selection: the chatroom left that list. Still in the view (it closed, or no longer
    // matches the search), it stays current and another list may show it; gone from the view, nothing is.
    if (m_model && m_model->rowOf(m_current) >= 0) {
        selectInLists();
        return;
    }
    setCurrent({});
}

void ChatroomListPane::rowsArrived(ChatroomListView *list, int first, int last)
{
    // The current chatroom entering a list (a closed one reopened) is selected there.
    const ChatroomRowsModel *model = list->model();
    const int row = m_current.isEmpty() || !model ? -1 : model->rowOf(m_current);
    if (row >= first && row <= last && list->currentChatroom() != m_current) {
        const QScopedValueRollback selecting(m_selecting, true);
        list->setCurrentChatroom(m_current);
    }
    updateEmptyState();
    updateClosedToggle();
}

void ChatroomListPane::setCurrent(const ChatroomId &id)
{
    const bool changed = id != m_current;
    m_current = id;
    selectInLists();
    if (changed)
        Q_EMIT currentChatroomChanged(m_current);
}

void ChatroomListPane::selectInLists()
{
    const QScopedValueRollback selecting(m_selecting, true);
    for (ChatroomListView *list : {m_list, m_results, m_closedList}) {
        if (list->model() && list->currentChatroom() != m_current)
            list->setCurrentChatroom(m_current); // an id the list does not hold clears its selection
    }
}

void ChatroomListPane::setCurrentChatroom(const ChatroomId &id)
{
    const bool inView = m_model && !id.isEmpty() && m_model->rowOf(id) >= 0;
    // A chatroom outside the search's results is shown in the list itself.
    if (inView && isSearching() && m_filter && m_filter->rowOf(id) < 0)
        m_search->clear();
    if (inView && m_open && m_open->rowOf(id) < 0 && !isSearching())
        setClosedSectionExpanded(true);
    setCurrent(inView ? id : ChatroomId());
}

ChatroomListView *ChatroomListPane::navigationList() const
{
    if (isSearching())
        return m_results;
    if (m_closedList->isVisible() && !m_current.isEmpty() && m_closedList->currentChatroom() == m_current)
        return m_closedList;
    return m_list;
}

void ChatroomListPane::selectNext()
{
    ChatroomListView *list = navigationList();
    if (!list->model() || list->model()->rowCount() == 0)
        return;
    const int row = std::min(list->currentRow() + 1, list->model()->rowCount() - 1);
    list->setCurrentChatroom(list->model()->idAt(row));
}

void ChatroomListPane::selectPrevious()
{
    ChatroomListView *list = navigationList();
    if (!list->model() || list->model()->rowCount() == 0)
        return;
    const int row = std::max(list->currentRow() - 1, 0);
    list->setCurrentChatroom(list->model()->idAt(row));
}

bool ChatroomListPane::selectNextUnread()
{
    // Closed chatrooms are out of the queue: never the next unread one.
    ChatroomListView *list = isSearching() ? m_results : m_list;
    ChatroomRowsModel *model = list->model();
    if (!model)
        return false;
    const int count = model->rowCount();
    const int start = list->currentRow();
    // From the row after the current one, wrapping around: the newest unread first when nothing is selected.
    for (int step = 1; step <= count; ++step) {
        const QModelIndex index = model->index((start + step + count) % count);
        if (index.data(UnreadCountRole).toInt() > 0 &&
            index.data(StateRole).toInt() == int(ChatroomState::Active)) {
            list->setCurrentChatroom(model->idAt(index.row()));
            return true;
        }
    }
    return false;
}

// ---- search, sections and what the pane says

bool ChatroomListPane::isSearching() const
{
    return !m_search->text().trimmed().isEmpty();
}

void ChatroomListPane::updateSearch()
{
    if (m_filter)
        m_filter->setQuery(m_search->text());
    selectInLists();
    updateEmptyState();
}

void ChatroomListPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool ChatroomListPane::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<const QKeyEvent *>(event);
        if (watched == m_search)
            return searchKey(key);
        if (watched == m_results)
            return resultsKey(key);
    }
    return QWidget::eventFilter(watched, event);
}

bool ChatroomListPane::searchKey(const QKeyEvent *key)
{
    if (isUnclaimedShortcutKey(key))
        return true;
    if (key->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier))
        return false;
    const bool results = isSearching() && m_filter && m_filter->rowCount() > 0;
    switch (key->key()) {
    case Qt::Key_Down:
        if (!results)
            return false;
        if (m_results->currentRow() < 0)
            m_results->setCurrentChatroom(m_filter->idAt(0));
        m_results->setFocus(Qt::TabFocusReason);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!results)
            return false;
        if (m_results->currentRow() < 0)
            m_results->setCurrentChatroom(m_filter->idAt(0));
        Q_EMIT chatroomChosen(m_current);
        return true;
    case Qt::Key_Escape:
        if (!m_search->text().isEmpty()) {
            m_search->clear(); // the open chatroom stays open, selected in the list again
            return true;
        }
        m_list->setFocus(Qt::OtherFocusReason);
        return true;
    default:
        return false;
    }
}

bool ChatroomListPane::resultsKey(const QKeyEvent *key)
{
    if (key->modifiers() & ~Qt::KeypadModifier)
        return false;
    if (key->key() == Qt::Key_Up && m_results->currentRow() <= 0) {
        m_search->setFocus(Qt::BacktabFocusReason);
        return true;
    }
    if (key->key() == Qt::Key_Escape) {
        m_search->clear();
        m_list->setFocus(Qt::OtherFocusReason);
        return true;
    }
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
        if (!m_current.isEmpty())
            Q_EMIT chatroomChosen(m_current);
        return true;
    }
    return false;
}

int ChatroomListPane::closedCount() const
{
    return m_model && m_open ? m_model->rowCount() - m_open->rowCount() : 0;
}

bool ChatroomListPane::isClosedSectionExpanded() const
{
    return m_closedToggle->isChecked();
}

void ChatroomListPane::setClosedSectionExpanded(bool expanded)
{
    {
        const QSignalBlocker blocker(m_closedToggle);
        m_closedToggle->setChecked(expanded);
    }
    m_closedToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    if (expanded && m_model && !m_closed) {
        // Built only when looked at: closed chatrooms are most of a long-lived org's list.
        const QSignalBlocker blocker(m_closedList);
        m_closed = std::make_unique<ChatroomFilterModel>(m_model.get(), ChatroomFilter::closed());
        m_closedList->setModel(m_closed.get());
        connect(m_closed.get(), &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { rowsArrived(m_closedList, first, last); });
        connect(m_closed.get(), &QAbstractItemModel::rowsRemoved, this,
                &ChatroomListPane::updateClosedToggle);
        const QScopedValueRollback selecting(m_selecting, true);
        m_closedList->setCurrentChatroom(m_current);
    } else if (!expanded && m_closed) {
        const QSignalBlocker blocker(m_closedList);
        m_closedList->setModel(nullptr);
        m_closed.reset();
    }
    m_closedList->setVisible(expanded);
    m_closedSection->setMaximumHeight(expanded ? QWIDGETSIZE_MAX : m_closedToggle->sizeHint().height());
    if (expanded) {
        const int height = m_split->height();
        m_split->setSizes({height * 3 / 5, height * 2 / 5});
    }
}

void ChatroomListPane::updateClosedToggle()
{
    const int closed = closedCount();
    m_closedToggle->setText(tr("Closed (%1)").arg(closed));
    m_closedToggle->setAccessibleName(tr("Closed chatrooms: %n", nullptr, closed));
    m_closedSection->setVisible(closed > 0 || isClosedSectionExpanded());
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

void ChatroomListPane::updateEmptyState()
{
    const bool searching = isSearching();
    ChatroomListView *list = searching ? m_results : m_list;
    const int rows = list->model() ? list->model()->rowCount() : 0;
    if (rows > 0) {
        m_stack->setCurrentWidget(list);
        return;
    }
    if (searching)
        m_empty->setText(tr("No chatroom matches \u201c%1\u201d.").arg(m_search->text().trimmed()));
    else if (closedCount() > 0)
        m_empty->setText(tr("No open chatrooms. Closed ones are below."));
    else if (m_view == View::Mine)
        m_empty->setText(tr("No chatrooms are assigned to you yet.\nHanded over chatrooms appear here."));
    else if (m_view == View::AwaitingHandover)
        m_empty->setText(tr("No chatroom is waiting for an agent."));
    else
        m_empty->setText(tr("No chatrooms yet."));
    m_stack->setCurrentWidget(m_empty);
}

void ChatroomListPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateViewTabs();
        updateEmptyState();
        updateClosedToggle();
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
    m_closedList->setAccessibleName(tr("Closed chatrooms"));
    m_closedToggle->setToolTip(
        tr("Deactivated and expired chatrooms: they can be read, nothing can be sent to "
           "them, and they count in no badge."));
}

} // namespace handover
