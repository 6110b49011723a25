#include "app/console/webhookdeliveriespanel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace handover::console {

namespace {

constexpr int kShownDeliveries = 200;

} // namespace

WebhookDeliveriesPanel::WebhookDeliveriesPanel(LocalWebhookReceiver &receiver, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("webhookDeliveries"));
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("webhookDeliveryList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setColumnCount(3);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_list->setTextElideMode(Qt::ElideMiddle);
    setMinimumWidth(380);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_hint);
    layout->addWidget(m_list, 1);
    for (const ReceivedWebhook &delivery : receiver.deliveries())
        add(delivery);
    connect(&receiver, &LocalWebhookReceiver::deliveryReceived, this, &WebhookDeliveriesPanel::add);
    retranslate();
}

int WebhookDeliveriesPanel::rowCount() const
{
    return m_list->topLevelItemCount();
}

void WebhookDeliveriesPanel::add(const ReceivedWebhook &delivery)
{
    auto *item = new QTreeWidgetItem;
    item->setToolTip(1, QString::fromUtf8(delivery.body));
    item->setData(0, Qt::UserRole, delivery.chatroomId);
    describe(*item, delivery);
    m_list->insertTopLevelItem(0, item);
    m_shown.prepend(delivery);
    while (m_list->topLevelItemCount() > kShownDeliveries) {
        delete m_list->takeTopLevelItem(m_list->topLevelItemCount() - 1);
        m_shown.removeLast();
    }
}

void WebhookDeliveriesPanel::describe(QTreeWidgetItem &item, const ReceivedWebhook &delivery) const
{
    item.setText(0, QLocale().toString(delivery.receivedAt.toLocalTime().time(), QLocale::ShortFormat));
    // The event type is the API's name for it, shown as is when there is no button to name.
    item.setText(1, delivery.buttonText.isEmpty()
                        ? delivery.type
                        : tr("\u201c%1\u201d on %2").arg(delivery.buttonText, delivery.templateName));
    QString signature = delivery.verified
                            ? tr("\u2714 signed")
                            : tr("\u2718 %1")
                                  .arg(QCoreApplication::translate("LocalWebhookReceiver",
                                                                   delivery.problem.toUtf8().constData()));
    if (delivery.duplicate)
        signature = tr("%1 (retry)").arg(signature);
    item.setText(2, signature);
}

void WebhookDeliveriesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void WebhookDeliveriesPanel::retranslate()
{
    m_hint->setText(tr("Taps on relayed template buttons go to the automation's webhook instead of an agent "
                       "(R5). The demo's receiver shows what arrived."));
    m_list->setHeaderLabels({tr("Time"), tr("Delivery"), tr("Signature")});
    m_list->setAccessibleName(tr("Webhook deliveries"));
    for (int row = 0; row < m_list->topLevelItemCount() && row < m_shown.size(); ++row)
        describe(*m_list->topLevelItem(row), m_shown.at(row));
}

} // namespace handover::console
