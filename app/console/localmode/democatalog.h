#pragma once

#include "core/domain/template.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace handover::console {

// What the demo org is made of, besides its people (DemoOrg) and customers (sim/demo): its name, its
// WhatsApp number and its templates. The driver sends templates by these remote ids.
namespace demo {

inline const QString kWelcomeTemplate = QStringLiteral("demo-welcome");         // buttons, taps hand over
inline const QString kAppointmentTemplate = QStringLiteral("demo-appointment"); // buttons, sent relayed
inline const QString kShippingTemplate = QStringLiteral("demo-shipping");       // no buttons, sent silently
inline const QString kSurveyTemplate = QStringLiteral("demo-survey");           // buttons, relayed and silent

inline const QString kWabaId = QStringLiteral("102290129340398");
inline const QString kPhoneId = QStringLiteral("106540352242922");
inline const QString kDisplayPhone = QStringLiteral("15550100100");

QString orgName();
QString groupName();
// The demo's templates, APPROVED and visible, in English: the language of the demo's business and customers,
// not the console's.
QList<MessageTemplate> templates();
// The body of POST /v1/orgs/{orgId}/templates for one of them.
QJsonObject templateRequest(const MessageTemplate &messageTemplate);

} // namespace demo
} // namespace handover::console
