#pragma once

#include "app/console/localmode/localwebhookreceiver.h"

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;
class QLabel;

namespace handover::console {

// Local mode's "webhook deliveries" panel: what the demo org's webhook receiver got, newest first, so a
// relayed button tap (R5) can be seen arriving, signed and verified.
class WebhookDeliveriesPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit WebhookDeliveriesPanel(LocalWebhookReceiver &receiver, QWidget *parent = nullptr);

    int rowCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void add(const ReceivedWebhook &delivery);
    void retranslate();
    // A row's texts in the current language, so rows shown before a switch follow it too.
    void describe(QTreeWidgetItem &item, const ReceivedWebhook &delivery) const;

    QTreeWidget *m_list = nullptr;
    QLabel *m_hint = nullptr;
    QList<ReceivedWebhook> m_shown; // newest first, one per row
};

} // namespace handover::console
