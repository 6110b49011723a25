#include "app/console/localmode/democatalog.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace handover::console::demo {

namespace {

// The context lupdate files the demo's texts under.
struct DemoCatalog
{
    Q_DECLARE_TR_FUNCTIONS(DemoCatalog)
};

MessageTemplate make(const QString &remoteId, const char *name, QString body, const QStringList &buttons,
                     QList<TemplateParam> params)
{
    MessageTemplate t;
    t.remoteTemplateId = remoteId;
    t.name = QString::fromLatin1(name);
    t.category = QStringLiteral("MARKETING");
    t.body = std::move(body);
    for (const QString &label : buttons)
        t.buttons.append(TemplateButton{ButtonType::QuickReply, label, {}});
    t.params = std::move(params);
    return t;
}

TemplateParam firstNameParam()
{
    return TemplateParam{QStringLiteral("first_name"), ParamType::AutoFill,
                         QStringLiteral("contact.first_name")};
}

} // namespace

QString orgName()
{
    return DemoCatalog::tr("Nordhaus Furniture (demo)");
}

QString groupName()
{
    return DemoCatalog::tr("Front desk");
}

QList<MessageTemplate> templates()
{
    // The business writes to its customers in its own language, whatever language the console speaks.
    return {
        make(kWelcomeTemplate, "welcome_offer",
             QStringLiteral(
                 "Hi {{first_name}}, thanks for your interest in Nordhaus Furniture! Shall we show you this "
                 "week's offers?"),
             {QStringLiteral("Yes, show me"), QStringLiteral("Not now")}, {firstNameParam()}),
        make(
            kAppointmentTemplate, "appointment_reminder",
            QStringLiteral("Hi {{first_name}}, your showroom visit is booked for {{slot}}. Can you make it?"),
            {QStringLiteral("Confirm"), QStringLiteral("Reschedule")},
            {firstNameParam(), TemplateParam{QStringLiteral("slot"), ParamType::UserFill, {}}}),
        make(kShippingTemplate, "order_shipped",
             QStringLiteral("Your order {{order}} has shipped and will arrive in 2-3 days."), {},
             {TemplateParam{QStringLiteral("order"), ParamType::UserFill, {}}}),
        make(kSurveyTemplate, "delivery_survey", QStringLiteral("How was your delivery experience?"),
             {QStringLiteral("Great"), QStringLiteral("Could be better")}, {}),
    };
}

QJsonObject templateRequest(const MessageTemplate &t)
{
    QJsonArray buttons;
    for (const TemplateButton &button : t.buttons)
        buttons.append(QJsonObject{{QStringLiteral("type"), buttonTypeName(button.type)},
                                   {QStringLiteral("text"), button.text}});
    QJsonArray params;
    for (const TemplateParam &param : t.params) {
        QJsonObject p{{QStringLiteral("tag"), param.tag},
                      {QStringLiteral("type"), paramTypeName(param.type)}};
        if (!param.source.isEmpty())
            p.insert(QStringLiteral("source"), param.source);
        params.append(p);
    }
    return QJsonObject{{QStringLiteral("remote_template_id"), t.remoteTemplateId},
                       {QStringLiteral("name"), t.name},
                       {QStringLiteral("language"), t.language},
                       {QStringLiteral("category"), t.category},
                       {QStringLiteral("body"), t.body},
                       {QStringLiteral("buttons"), buttons},
                       {QStringLiteral("params"), params}};
}

} // namespace handover::console::demo
