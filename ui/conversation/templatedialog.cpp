#include "ui/conversation/templatedialog.h"

#include "client/apiclient.h"
#include "client/outbox.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace handover {

namespace {

QCheckBox *flagBox(const QString &text, const QString &objectName, const QString &help, bool on,
                   QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setObjectName(objectName);
    box->setToolTip(help);
    box->setChecked(on);
    return box;
}

} // namespace

TemplateDialog::TemplateDialog(ChatroomId chatroomId, QWidget *parent)
    : QDialog(parent)
    , m_chatroomId(std::move(chatroomId))
{
    setObjectName(QStringLiteral("templateDialog"));
    setWindowTitle(tr("Send a template"));

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setAccessibleName(tr("Templates"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("templateTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto *paramsBox = new QGroupBox(tr("Parameters"), this);
    m_params = new QFormLayout(paramsBox);

    auto *previewBox = new QGroupBox(tr("Preview"), this);
    m_preview = new QLabel(previewBox);
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttonsPreview = new QLabel(previewBox);
    m_buttonsPreview->setObjectName(QStringLiteral("templateButtonsPreview"));
    m_buttonsPreview->setWordWrap(true);
    m_buttonsPreview->setTextFormat(Qt::PlainText);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);
    previewLayout->addWidget(m_buttonsPreview);

    m_bump = flagBox(tr("Move to the top of the agent's list"), QStringLiteral("templateBump"),
                     tr("API flag: bump. Off, the message is silent: nobody is notified and no list moves."),
                     true, this);
    m_bumpResponse = flagBox(
        tr("Move to the top again when the customer answers"), QStringLiteral("templateBumpResponse"),
        tr("API flag: bump_response. Off, the customer's tap on a button moves nothing."), true, this);
    m_relayResponse =
        flagBox(tr("Send the customer's answer to the automation"), QStringLiteral("templateRelayResponse"),
                tr("API flag: relay_response. On, a tap on a button goes to the org's webhook and "
                   "does not hand the chatroom over to an agent."),
                false, this);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("templateStatus"));
    m_status->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("templateSend"));
    m_send->setAccessibleName(tr("Send the template"));
    m_send->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &TemplateDialog::send);

    auto *details = new QVBoxLayout;
    details->addWidget(m_title);
    details->addWidget(paramsBox);
    details->addWidget(previewBox, 1);
    details->addWidget(m_bump);
    details->addWidget(m_bumpResponse);
    details->addWidget(m_relayResponse);
    auto *columns = new QHBoxLayout;
    columns->addWidget(m_list, 1);
    columns->addLayout(details, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &TemplateDialog::showTemplate);
    showTemplate();
    setMinimumSize(640, 420);
}

void TemplateDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // What there is to type comes first; without parameters, the choice of template.
    if (!m_paramOrder.isEmpty())
        m_paramOrder.first()->setFocus(Qt::OtherFocusReason);
    else
        m_list->setFocus(Qt::OtherFocusReason);
}

void TemplateDialog::orderTabs()
{
    QList<QWidget *> chain{m_list};
    for (QLineEdit *edit : std::as_const(m_paramOrder))
        chain.append(edit);
    chain << m_bump << m_bumpResponse << m_relayResponse << m_send << m_cancel;
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
}

void TemplateDialog::fitList()
{
    // Wide enough for every name, so none is cut.
    const int scrollBar = m_list->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_list);
    m_list->setMinimumWidth(m_list->sizeHintForColumn(0) + 2 * m_list->frameWidth() + scrollBar + 8);
}

void TemplateDialog::setPreviewValues(const QHash<QString, QString> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!it.value().trimmed().isEmpty())
            m_known.insert(it.key(), it.value());
    }
    updatePreview();
}

TemplateDialog::~TemplateDialog() = default;

void TemplateDialog::setOutbox(client::Outbox *outbox)
{
    m_outbox = outbox;
    updatePreview();
}

void TemplateDialog::loadTemplates(client::ApiClient &api)
{
    showStatus(tr("Loading templates\u2026"));
    api.templates(true, this, [this](client::ApiResult<QList<MessageTemplate>> answer) {
        if (!answer) {
            showStatus(tr("The templates could not be loaded: %1").arg(answer.error().message()));
            return;
        }
        showStatus({});
        setTemplates(*answer);
        Q_EMIT templatesLoaded();
    });
}

bool TemplateDialog::offered(const MessageTemplate &t)
{
    return t.visible && t.enabled && t.status == TemplateStatus::Approved;
}

void TemplateDialog::setTemplates(const QList<MessageTemplate> &templates)
{
    const QString previous = current() ? current()->remoteTemplateId : QString();
    m_templates.clear();
    m_list->clear();
    for (const MessageTemplate &t : templates) {
        if (!offered(t))
            continue;
        m_templates.append(t);
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(t.name, t.language), m_list);
        item->setToolTip(t.body);
    }
    fitList();
    if (m_templates.isEmpty())
        showStatus(tr("No template can be sent: ask an admin to add or enable one."));
    if (!selectTemplate(previous) && !m_templates.isEmpty())
        m_list->setCurrentRow(0);
}

bool TemplateDialog::selectTemplate(const QString &remoteTemplateId)
{
    for (qsizetype i = 0; i < m_templates.size(); ++i) {
        if (m_templates.at(i).remoteTemplateId == remoteTemplateId) {
            m_list->setCurrentRow(int(i));
            return true;
        }
    }
    return false;
}

const MessageTemplate *TemplateDialog::current() const
{
    const int row = m_list ? m_list->currentRow() : -1;
    return row >= 0 && row < m_templates.size() ? &m_templates.at(row) : nullptr;
}

QList<TemplateParamValue> TemplateDialog::userValues() const
{
    QList<TemplateParamValue> values;
    if (const MessageTemplate *t = current()) {
        for (const TemplateParam &param : t->params) {
            if (param.type == ParamType::UserFill)
                values.append(TemplateParamValue{param.tag, m_paramEdits.value(param.tag)->text()});
        }
    }
    return values;
}

void TemplateDialog::showTemplate()
{
    while (m_params->rowCount() > 0)
        m_params->removeRow(0);
    m_paramEdits.clear();
    m_paramOrder.clear();
    const MessageTemplate *t = current();
    m_title->setText(t ? t->name : tr("No template chosen"));
    if (t) {
        for (const TemplateParam &param : t->params) {
            if (param.type != ParamType::UserFill)
                continue;
            auto *edit = new QLineEdit(this);
            edit->setObjectName(QStringLiteral("templateParam-") + param.tag);
            edit->setAccessibleName(param.tag);
            connect(edit, &QLineEdit::textChanged, this, &TemplateDialog::updatePreview);
            m_params->addRow(tr("%1:").arg(param.tag), edit);
            m_paramEdits.insert(param.tag, edit);
            m_paramOrder.append(edit);
        }
        if (m_paramEdits.isEmpty())
            m_params->addRow(new QLabel(tr("This template has nothing to fill in."), this));
    }
    orderTabs();
    updatePreview();
}

QString TemplateDialog::sourceInWords(const QString &source)
{
    static const QHash<QString, const char *> words{
        {QStringLiteral("contact.first_name"), QT_TR_NOOP("the customer's first name")},
        {QStringLiteral("contact.last_name"), QT_TR_NOOP("the customer's last name")},
        {QStringLiteral("contact.crm_id"), QT_TR_NOOP("the customer's CRM id")},
        {QStringLiteral("contact.phone_number"), QT_TR_NOOP("the customer's phone number")},
        {QStringLiteral("contact.display_name"), QT_TR_NOOP("the customer's name")},
        {QStringLiteral("agent.first_name"), QT_TR_NOOP("the agent's first name")},
        {QStringLiteral("agent.last_name"), QT_TR_NOOP("the agent's last name")},
        {QStringLiteral("agent.email"), QT_TR_NOOP("the agent's email")},
    };
    const char *text = words.value(source);
    return text ? tr(text) : tr("filled in by the server");
}

QString TemplateDialog::renderPreview(const MessageTemplate &t, const QList<TemplateParamValue> &userValues,
                                      const QHash<QString, QString> &known)
{
    QList<TemplateParamValue> values;
    for (const TemplateParamValue &value : userValues) {
        if (!value.value.trimmed().isEmpty())
            values.append(value);
    }
    for (const TemplateParam &param : t.params) {
        if (param.type != ParamType::AutoFill)
            continue;
        const QString value = known.value(param.source);
        values.append(TemplateParamValue{
            param.tag,
            value.isEmpty() ? QLatin1Char('[') + sourceInWords(param.source) + QLatin1Char(']') : value});
    }
    QStringList parts;
    if (!t.header.isEmpty())
        parts.append(renderTemplateText(t.header, values));
    parts.append(renderTemplateText(t.body, values));
    if (!t.footer.isEmpty())
        parts.append(renderTemplateText(t.footer, values));
    return parts.join(QStringLiteral("\n\n"));
}

void TemplateDialog::updatePreview()
{
    const MessageTemplate *t = current();
    m_preview->setText(t ? renderPreview(*t, userValues(), m_known) : QString());
    QStringList buttons;
    if (t) {
        for (const TemplateButton &button : t->buttons)
            buttons.append(QStringLiteral("[ %1 ]").arg(button.text));
    }
    m_buttonsPreview->setText(buttons.join(QLatin1Char(' ')));
    m_buttonsPreview->setVisible(!buttons.isEmpty());
    const bool complete = currentSend().has_value();
    m_send->setEnabled(complete && m_outbox);
    if (t && !complete)
        showStatus(tr("Fill in every parameter to send."));
    else if (t)
        showStatus({});
}

std::optional<client::TemplateSend> TemplateDialog::currentSend() const
{
    const MessageTemplate *t = current();
    if (!t)
        return std::nullopt;
    client::TemplateSend send;
    send.chatroomId = m_chatroomId;
    send.remoteTemplateId = t->remoteTemplateId;
    send.params = userValues();
    for (TemplateParamValue &value : send.params) {
        value.value = value.value.trimmed();
        if (value.value.isEmpty())
            return std::nullopt; // the server refuses a blank value (4220003)
    }
    send.bump = m_bump->isChecked();
    send.bumpResponse = m_bumpResponse->isChecked();
    send.relayResponse = m_relayResponse->isChecked();
    return send;
}

QString TemplateDialog::previewText() const
{
    return m_preview->text();
}

bool TemplateDialog::send()
{
    const std::optional<client::TemplateSend> chosen = currentSend();
    if (!chosen || !m_outbox)
        return false;
    const auto queued = m_outbox->enqueueTemplate(*chosen);
    if (!queued) {
        showStatus(tr("The template could not be stored: %1").arg(queued.error().description));
        return false;
    }
    Q_EMIT templateQueued(queued->localId);
    accept();
    return true;
}

void TemplateDialog::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

} // namespace handover
