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
// off) in plain words with the API's name in their tooltips, and sends it through the outbox. AUTO_FILL
// parameters are filled by the server; the preview shows the values the console knows (the customer's and
// the agent's, setPreviewValues()) and says in words what it does not. The parameters come first: they
// have the focus when the dialog opens and follow the list in the Tab order, before the flags.
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
    // What the console knows of AUTO_FILL sources for this chatroom ("contact.first_name" -> "Maya");
    // more may come later (a contact loaded from the server): they are merged.
    void setPreviewValues(const QHash<QString, QString> &values);

    // What Send would enqueue; nullopt while no template is chosen or a USER_FILL value is blank.
    std::optional<client::TemplateSend> currentSend() const;
    QString previewText() const;

    // The body as the customer will see it: USER_FILL values filled (blank ones stay as {{tag}}), AUTO_FILL
    // ones from `known` by source, or in words ("[the customer's first name]") when unknown.
    static QString renderPreview(const MessageTemplate &messageTemplate,
                                 const QList<TemplateParamValue> &userValues,
                                 const QHash<QString, QString> &known = {});
    // An AUTO_FILL source in words, for the preview.
    static QString sourceInWords(const QString &source);
    // A template the console may offer: visible, enabled and approved (else the server refuses, 4220002).
    static bool offered(const MessageTemplate &messageTemplate);

public Q_SLOTS:
    // Enqueues the send and closes the dialog; false (and a line saying why) if it cannot.
    bool send();

Q_SIGNALS:
    void templatesLoaded();
    void templateQueued(qint64 localId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void orderTabs();
    void fitList();
    const MessageTemplate *current() const;
    QList<TemplateParamValue> userValues() const;
    void showTemplate();
    void updatePreview();
    void showStatus(const QString &text);

    const ChatroomId m_chatroomId;
    client::Outbox *m_outbox = nullptr;
    QList<MessageTemplate> m_templates;       // the offered ones, in list order
    QHash<QString, QLineEdit *> m_paramEdits; // USER_FILL tag -> its field
    QList<QLineEdit *> m_paramOrder;          // ...in the template's order
    QHash<QString, QString> m_known;          // AUTO_FILL source -> value
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
    QPushButton *m_cancel = nullptr;
};

} // namespace handover
