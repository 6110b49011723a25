#pragma once

#include "client/apitypes.h"

#include <QDialog>
#include <QHash>
#include <QList>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace handover {

namespace client {
class ApiClient;
class Outbox;
} // namespace client

// Picks a visible, sendable template, fills its USER_FILL parameters with a live preview of the rendered
// body and its buttons, sets the three flags (bump, bump_response, relay_response; API.md's defaults: on, on,
// off) and sends it through the outbox. AUTO_FILL parameters are filled by the server; the preview names
// their source.
class TemplateDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit TemplateDialog(ChatroomId chatroomId, QWidget *parent = nullptr);
    ~TemplateDialog() override;

    void setOutbox(client::Outbox *outbox);
    // GET templates (visible only); the list fills when the answer comes.
    void loadTemplates(client::ApiClient &api);
    void setTemplates(const QList<MessageTemplate> &templates);
    const QList<MessageTemplate> &templates() const { return m_templates; }
    bool selectTemplate(const QString &remoteTemplateId);

    // What Send would enqueue; nullopt while no template is chosen or a USER_FILL value is blank.
    std::optional<client::TemplateSend> currentSend() const;
    QString previewText() const;

    // The body as the customer will see it: USER_FILL values filled (blank ones stay as {{tag}}), AUTO_FILL
    // ones shown as [source].
    static QString renderPreview(const MessageTemplate &messageTemplate,
                                 const QList<TemplateParamValue> &userValues);
    // A template the console may offer: visible, enabled and approved (else the server refuses, 4220002).
    static bool offered(const MessageTemplate &messageTemplate);

public Q_SLOTS:
    // Enqueues the send and closes the dialog; false (and a line saying why) if it cannot.
    bool send();

Q_SIGNALS:
    void templatesLoaded();
    void templateQueued(qint64 localId);

private:
    const MessageTemplate *current() const;
    QList<TemplateParamValue> userValues() const;
    void showTemplate();
    void updatePreview();
    void showStatus(const QString &text);

    const ChatroomId m_chatroomId;
    client::Outbox *m_outbox = nullptr;
    QList<MessageTemplate> m_templates;       // the offered ones, in list order
    QHash<QString, QLineEdit *> m_paramEdits; // USER_FILL tag -> its field
    QListWidget *m_list = nullptr;
    QLabel *m_title = nullptr;
    QFormLayout *m_params = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_buttonsPreview = nullptr;
    QCheckBox *m_bump = nullptr;
    QCheckBox *m_bumpResponse = nullptr;
    QCheckBox *m_relayResponse = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace handover
