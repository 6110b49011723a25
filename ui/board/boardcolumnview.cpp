#include "ui/board/boardcolumnview.h"

#include "ui/board/boardcolumnmodel.h"

#include <QEvent>
#include <QLabel>
#include <QListView>
#include <QVBoxLayout>
#include <algorithm>

namespace handover {

namespace {

// A dot before the presence word; the word carries the meaning, the dot only catches the eye.
const QChar kDot(0x25CF);

} // namespace

BoardColumnView::BoardColumnView(BoardColumnModel *model, QAbstractItemDelegate *delegate, QWidget *parent)
    : QFrame(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_presence(new QLabel(this))
    , m_count(new QLabel(this))
    , m_list(new QListView(this))
{
    setObjectName(QStringLiteral("boardColumn"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);

    m_title->setObjectName(QStringLiteral("boardColumnTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_presence->setObjectName(QStringLiteral("boardColumnPresence"));
    m_presence->setTextFormat(Qt::PlainText);
    m_count->setObjectName(QStringLiteral("boardColumnCount"));
    m_count->setTextFormat(Qt::PlainText);
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_list->setObjectName(QStringLiteral("boardColumnList"));
    m_list->setModel(model);
    m_list->setItemDelegate(delegate);
    m_list->setUniformItemSizes(true); // no per-row layout work, whatever the number of cards
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setDragEnabled(true);
    m_list->setAcceptDrops(true);
    m_list->setDragDropMode(QAbstractItemView::DragDrop);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setDropIndicatorShown(false); // a drop lands on the column, not between cards
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_presence);
    layout->addWidget(m_list, 1);

    connect(model, &BoardColumnModel::agentChanged, this, &BoardColumnView::updateHeader);
    // The count follows this column's rows only; other columns' changes never reach it.
    connect(model, &QAbstractItemModel::rowsInserted, this, &BoardColumnView::updateHeader);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &BoardColumnView::updateHeader);
    connect(model, &QAbstractItemModel::modelReset, this, &BoardColumnView::updateHeader);
    updateHeader();
    updateWidth();
}

BoardColumnView::~BoardColumnView() = default;

QString BoardColumnView::title() const
{
    if (m_model->isAwaitingHandover())
        return tr("Awaiting handover");
    const BoardAgent &agent = m_model->agent();
    if (agent.isGroup())
        return agent.name.isEmpty() ? tr("Group %1").arg(agent.groupId.left(8)) : agent.name;
    return agent.name.isEmpty() ? tr("Unknown user") : agent.name;
}

QString BoardColumnView::presenceText() const
{
    if (m_model->isAwaitingHandover())
        return tr("Waiting for an agent");
    const BoardAgent &agent = m_model->agent();
    if (agent.isGroup())
        return agent.members.isEmpty() ? tr("Group")
                                       : tr("Group of %n agent(s)", nullptr, int(agent.members.size()));
    QString text = agent.online ? tr("Online") : tr("Offline");
    if (agent.known && agent.role != Role::Member)
        text += QStringLiteral(" · ") + (agent.role == Role::Admin ? tr("administrator") : tr("supervisor"));
    return text;
}

QString BoardColumnView::countText() const
{
    return tr("%n chatroom(s)", nullptr, m_model->rowCount());
}

void BoardColumnView::updateHeader()
{
    m_title->setText(title());
    m_count->setText(countText());
    const bool noPresence = m_model->isAwaitingHandover() || m_model->isGroup();
    const bool online = !noPresence && m_model->agent().online;
    m_presence->setText(noPresence ? presenceText() : QString(kDot) + QLatin1Char(' ') + presenceText());
    // Palette roles only, so a dark palette keeps its contrast.
    m_presence->setForegroundRole(online ? QPalette::Link : QPalette::PlaceholderText);
    // A drop on a group's column hands the chatroom to its agent with the fewest chatrooms (R21).
    m_presence->setToolTip(m_model->isGroup()
                               ? tr("Drop chatrooms here to give each to the group's least busy agent.")
                               : QString());
    const QString name = QStringList{title(), presenceText(), countText()}.join(QStringLiteral(", "));
    setAccessibleName(name);
    m_list->setAccessibleName(tr("Chatrooms of %1").arg(title()));
    m_list->setAccessibleDescription(name);
}

void BoardColumnView::updateWidth()
{
    // At least wide enough for a name, a preview and the time, in the current font; the columns share
    // whatever width the board has beyond that.
    setMinimumWidth(std::max(240, fontMetrics().averageCharWidth() * 38));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void BoardColumnView::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateWidth();
}

} // namespace handover
