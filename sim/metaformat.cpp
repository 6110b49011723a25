#include "sim/metaformat.h"

#include "sim/latin1.h"
#include "sim/mediaformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUrlQuery>
#include <algorithm>
#include <cmath>

namespace handover::sim {

namespace {

// A field path the way Meta's messages write it: template['language']['code'].
QString fieldPath(const QString &object, const QString &field)
{
    return object + QStringLiteral("['") + field + QStringLiteral("']");
}

QJsonObject metadata(const BusinessPhone &phone)
{
    return QJsonObject{{str("display_phone_number"), phone.displayPhoneNumber},
                       {str("phone_number_id"), phone.phoneNumberId}};
}

// Reads a required non-empty string member; on failure sets error and returns an empty string.
QString requiredString(const QJsonObject &object, const QString &key, const QString &path,
                       std::optional<MetaError> &error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        error = MetaError::missingParameter(path);
        return {};
    }
    if (!value.isString() || value.toString().isEmpty()) {
        error = MetaError::invalidParameter(path + QStringLiteral(" must be a non-empty string"));
        return {};
    }
    return value.toString();
}

// Meta writes button indexes as strings ("0") but also takes numbers.
std::optional<int> buttonIndex(const QJsonValue &value)
{
    double number = -1;
    if (value.isString()) {
        bool ok = false;
        number = value.toString().toInt(&ok);
        if (!ok)
            return std::nullopt;
    } else if (value.isDouble()) {
        number = value.toDouble();
    }
    if (number < 0 || number > 9 || number != std::floor(number))
        return std::nullopt;
    return static_cast<int>(number);
}

// One parameter of a header or body component; returns the text it stands for (empty for media, which is
// read into *headerMedia when the component is a header).
std::optional<QString> parameterText(const QJsonValue &value, const QString &path, OutboundMedia *headerMedia,
                                     std::optional<MetaError> &error)
{
    const QJsonObject parameter = value.toObject();
    if (!value.isObject()) {
        error = MetaError::invalidParameter(path + QStringLiteral(" must be an object"));
        return std::nullopt;
    }
    const QString type = requiredString(parameter, str("type"), fieldPath(path, str("type")), error);
    if (error)
        return std::nullopt;
    if (type == str("text")) {
        const QJsonValue text = parameter.value(str("text"));
        if (!text.isString()) {
            error = MetaError::missingParameter(fieldPath(path, str("text")));
            return std::nullopt;
        }
        return text.toString();
    }
    if (type == str("currency") || type == str("date_time")) {
        const QJsonObject inner = parameter.value(type).toObject();
        const QString fallback = requiredString(
            inner, str("fallback_value"), fieldPath(fieldPath(path, type), str("fallback_value")), error);
        return error ? std::nullopt : std::optional<QString>(fallback);
    }
    static const QStringList media = {str("image"), str("video"), str("document")};
    if (media.contains(type) && headerMedia) {
        error = parseHeaderMedia(parameter, path, *headerMedia);
        return error ? std::nullopt : std::optional<QString>(QString());
    }
    if (media.contains(type) || type == str("location")) {
        if (!parameter.value(type).isObject()) {
            error = MetaError::missingParameter(fieldPath(path, type));
            return std::nullopt;
        }
        return QString();
    }
    error = MetaError::invalidParameter(fieldPath(path, str("type")) + QStringLiteral(" '") + type +
                                        QStringLiteral("' is not supported"));
    return std::nullopt;
}

// The parameters of a header (headerMedia set) or body (names set) component.
void parseParameters(const QJsonObject &component, const QString &path, QStringList &out, QStringList *names,
                     std::optional<OutboundMedia> *headerMedia, std::optional<MetaError> &error)
{
    const QJsonValue parameters = component.value(str("parameters"));
    if (parameters.isUndefined())
        return;
    if (!parameters.isArray()) {
        error = MetaError::invalidParameter(fieldPath(path, str("parameters")) +
                                            QStringLiteral(" must be an array"));
        return;
    }
    const QJsonArray list = parameters.toArray();
    for (qsizetype i = 0; i < list.size() && !error; ++i) {
        const QString itemPath =
            fieldPath(path, str("parameters")) + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
        OutboundMedia media;
        const auto text = parameterText(list.at(i), itemPath, headerMedia ? &media : nullptr, error);
        if (!text)
            return;
        out.append(*text);
        if (headerMedia && !media.kind.isEmpty())
            *headerMedia = media;
        const QJsonValue name = list.at(i).toObject().value(str("parameter_name"));
        if (names && name.isString())
            names->append(name.toString());
    }
}

void parseButtonComponent(const QJsonObject &component, const QString &path, OutboundMessage &message,
                          std::optional<MetaError> &error)
{
    static const QStringList subTypes = {str("quick_reply"), str("url"),     str("copy_code"),
                                         str("flow"),        str("catalog"), str("mpm")};
    OutboundButton button;
    button.subType = requiredString(component, str("sub_type"), fieldPath(path, str("sub_type")), error);
    if (error)
        return;
    if (!subTypes.contains(button.subType)) {
        error = MetaError::invalidParameter(fieldPath(path, str("sub_type")) + QStringLiteral(" '") +
                                            button.subType + QStringLiteral("' is not supported"));
        return;
    }
    const QJsonValue indexValue = component.value(str("index"));
    if (indexValue.isUndefined()) {
        error = MetaError::missingParameter(fieldPath(path, str("index")));
        return;
    }
    const std::optional<int> index = buttonIndex(indexValue);
    if (!index) {
        error =
            MetaError::invalidParameter(fieldPath(path, str("index")) + QStringLiteral(" must be 0 to 9"));
        return;
    }
    button.index = *index;
    for (const OutboundButton &other : std::as_const(message.buttons)) {
        if (other.index == button.index) {
            error = MetaError::invalidParameter(QStringLiteral("Two button components have index ") +
                                                QString::number(button.index));
            return;
        }
    }

    const QJsonValue parameters = component.value(str("parameters"));
    const QString parametersPath = fieldPath(path, str("parameters"));
    if (button.subType == str("quick_reply") || button.subType == str("url")) {
        const QJsonArray list = parameters.toArray();
        if (!parameters.isArray() || list.isEmpty()) {
            error = MetaError::missingParameter(parametersPath);
            return;
        }
        const QJsonObject parameter = list.first().toObject();
        const QString itemPath = parametersPath + QStringLiteral("[0]");
        const QString expectedType = button.subType == str("quick_reply") ? str("payload") : str("text");
        if (parameter.value(str("type")).toString() != expectedType) {
            error = MetaError::invalidParameter(
                fieldPath(itemPath, str("type")) + QStringLiteral(" must be '") + expectedType +
                QStringLiteral("' for a ") + button.subType + QStringLiteral(" button"));
            return;
        }
        const QJsonValue value = parameter.value(expectedType);
        if (!value.isString()) {
            error = MetaError::missingParameter(fieldPath(itemPath, expectedType));
            return;
        }
        button.payload = value.toString();
    } else if (!parameters.isUndefined() && !parameters.isArray()) {
        error = MetaError::invalidParameter(parametersPath + QStringLiteral(" must be an array"));
        return;
    }
    message.buttons.append(button);
}

void parseTemplate(const QJsonObject &request, OutboundMessage &message, std::optional<MetaError> &error)
{
    const QJsonValue value = request.value(str("template"));
    if (!value.isObject()) {
        error = MetaError::missingParameter(str("template"));
        return;
    }
    const QJsonObject tpl = value.toObject();
    const QString path = str("template");
    message.templateName = requiredString(tpl, str("name"), fieldPath(path, str("name")), error);
    if (error)
        return;
    const QJsonValue language = tpl.value(str("language"));
    if (!language.isObject()) {
        error = MetaError::missingParameter(fieldPath(path, str("language")));
        return;
    }
    const QString languagePath = fieldPath(path, str("language"));
    message.templateLanguage =
        requiredString(language.toObject(), str("code"), fieldPath(languagePath, str("code")), error);
    if (error)
        return;
    const QJsonValue policy = language.toObject().value(str("policy"));
    if (!policy.isUndefined() && policy.toString() != str("deterministic")) {
        error = MetaError::invalidParameter(fieldPath(languagePath, str("policy")) +
                                            QStringLiteral(" must be 'deterministic'"));
        return;
    }

    const QJsonValue components = tpl.value(str("components"));
    if (components.isUndefined())
        return;
    if (!components.isArray()) {
        error = MetaError::invalidParameter(fieldPath(path, str("components")) +
                                            QStringLiteral(" must be an array"));
        return;
    }
    const QJsonArray list = components.toArray();
    for (qsizetype i = 0; i < list.size() && !error; ++i) {
        const QString itemPath =
            fieldPath(path, str("components")) + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
        const QJsonObject component = list.at(i).toObject();
        const QString type = requiredString(component, str("type"), fieldPath(itemPath, str("type")), error);
        if (error)
            return;
        if (type == str("header"))
            parseParameters(component, itemPath, message.headerParameters, nullptr, &message.headerMedia,
                            error);
        else if (type == str("body"))
            parseParameters(component, itemPath, message.bodyParameters, &message.bodyParameterNames, nullptr,
                            error);
        else if (type == str("button"))
            parseButtonComponent(component, itemPath, message, error);
        else
            error = MetaError::invalidParameter(fieldPath(itemPath, str("type")) + QStringLiteral(" '") +
                                                type + QStringLiteral("' must be header, body or button"));
    }
    std::stable_sort(message.buttons.begin(), message.buttons.end(),
                     [](const OutboundButton &a, const OutboundButton &b) { return a.index < b.index; });
}

void parseText(const QJsonObject &request, OutboundMessage &message, std::optional<MetaError> &error)
{
    const QJsonValue value = request.value(str("text"));
    if (!value.isObject()) {
        error = MetaError::missingParameter(str("text"));
        return;
    }
    const QJsonObject text = value.toObject();
    message.text = requiredString(text, str("body"), fieldPath(str("text"), str("body")), error);
    if (error)
        return;
    if (message.text.size() > kMaxTextBodyLength) {
        error =
            MetaError::invalidParameter(QStringLiteral("text['body'] must be at most ") +
                                        QString::number(kMaxTextBodyLength) + QStringLiteral(" characters"));
        return;
    }
    const QJsonValue previewUrl = text.value(str("preview_url"));
    if (!previewUrl.isUndefined() && !previewUrl.isBool())
        error = MetaError::invalidParameter(str("text['preview_url'] must be a boolean"));
}

void parseInteractive(const QJsonObject &request, OutboundMessage &message, std::optional<MetaError> &error)
{
    const QJsonValue value = request.value(str("interactive"));
    if (!value.isObject()) {
        error = MetaError::missingParameter(str("interactive"));
        return;
    }
    const QJsonObject interactive = value.toObject();
    const QString kind =
        requiredString(interactive, str("type"), fieldPath(str("interactive"), str("type")), error);
    if (error)
        return;
    message.text = interactive.value(str("body")).toObject().value(str("text")).toString();
    const QJsonObject action = interactive.value(str("action")).toObject();
    if (kind == str("button")) {
        const QJsonArray buttons = action.value(str("buttons")).toArray();
        if (buttons.isEmpty() || buttons.size() > 3) {
            error =
                MetaError::invalidParameter(str("interactive['action']['buttons'] must hold 1 to 3 buttons"));
            return;
        }
        for (qsizetype i = 0; i < buttons.size(); ++i) {
            const QJsonObject reply = buttons.at(i).toObject().value(str("reply")).toObject();
            const QString id = reply.value(str("id")).toString();
            const QString title = reply.value(str("title")).toString();
            if (id.isEmpty() || title.isEmpty()) {
                error = MetaError::missingParameter(QStringLiteral("interactive['action']['buttons'][") +
                                                    QString::number(i) + QStringLiteral("]['reply']"));
                return;
            }
            message.buttons.append(OutboundButton{static_cast<int>(i), str("reply"), id, title});
        }
    }
}

} // namespace

bool isKnownStatus(const QString &status)
{
    static const QStringList known = {str("sent"), str("delivered"), str("read"), str("played"),
                                      str("failed")};
    return known.contains(status);
}

QJsonObject webhookEnvelope(const BusinessPhone &phone, const QJsonObject &value)
{
    QJsonObject fullValue = value;
    fullValue.insert(str("messaging_product"), str("whatsapp"));
    fullValue.insert(str("metadata"), metadata(phone));
    const QJsonObject change{{str("field"), str("messages")}, {str("value"), fullValue}};
    const QJsonObject entry{{str("id"), phone.wabaId.isEmpty() ? str("0") : phone.wabaId},
                            {str("changes"), QJsonArray{change}}};
    return QJsonObject{{str("object"), str("whatsapp_business_account")}, {str("entry"), QJsonArray{entry}}};
}

QJsonObject customerMessageEnvelope(const BusinessPhone &phone, const CustomerMessage &message)
{
    QJsonObject wire{{str("from"), message.from},
                     {str("id"), message.waMessageId},
                     {str("timestamp"), QString::number(message.timestamp)}};
    addCustomerContent(phone, message, wire);
    const QJsonObject contact{{str("profile"), QJsonObject{{str("name"), message.profileName}}},
                              {str("wa_id"), message.from}};
    return webhookEnvelope(
        phone, QJsonObject{{str("contacts"), QJsonArray{contact}}, {str("messages"), QJsonArray{wire}}});
}

QJsonObject statusEnvelope(const BusinessPhone &phone, const StatusUpdate &status)
{
    QJsonObject wire{{str("id"), status.waMessageId},
                     {str("status"), status.status},
                     {str("timestamp"), QString::number(status.timestamp)},
                     {str("recipient_id"), status.recipientId}};
    if (status.conversation) {
        const StatusConversation &conversation = *status.conversation;
        QJsonObject json{{str("id"), conversation.id},
                         {str("origin"), QJsonObject{{str("type"), conversation.originType}}}};
        if (conversation.expirationTimestamp > 0)
            json.insert(str("expiration_timestamp"), QString::number(conversation.expirationTimestamp));
        wire.insert(str("conversation"), json);
    }
    if (status.pricing) {
        QJsonObject pricing{{str("billable"), status.pricing->billable.value_or(true)},
                            {str("pricing_model"), status.pricing->pricingModel},
                            {str("category"), status.pricing->category}};
        if (!status.pricing->type.isEmpty())
            pricing.insert(str("type"), status.pricing->type);
        wire.insert(str("pricing"), pricing);
    }
    if (status.status == str("failed")) {
        const StatusError error = status.error.value_or(StatusError{});
        const QString title = error.title.isEmpty() ? str("Something went wrong") : error.title;
        const auto orTitle = [&title](const QString &text) { return text.isEmpty() ? title : text; };
        wire.insert(
            str("errors"),
            QJsonArray{QJsonObject{{str("code"), error.code},
                                   {str("title"), title},
                                   {str("message"), orTitle(error.message)},
                                   {str("error_data"), QJsonObject{{str("details"), orTitle(error.details)}}},
                                   {str("href"), error.href.isEmpty() ? str(kErrorCodesUrl) : error.href}}});
    }
    return webhookEnvelope(phone, QJsonObject{{str("statuses"), QJsonArray{wire}}});
}

QUrl verificationUrl(const QUrl &webhookUrl, const QString &verifyToken, const QString &challenge)
{
    QUrl url = webhookUrl;
    QUrlQuery query(url);
    query.addQueryItem(str("hub.mode"), str("subscribe"));
    query.addQueryItem(str("hub.verify_token"), verifyToken);
    query.addQueryItem(str("hub.challenge"), challenge);
    url.setQuery(query);
    return url;
}

MetaError MetaError::missingParameter(const QString &name)
{
    MetaError error;
    error.message = QStringLiteral("(#100) The parameter ") + name + QStringLiteral(" is required.");
    error.details = error.message.mid(7);
    return error;
}

MetaError MetaError::invalidParameter(const QString &details)
{
    MetaError error;
    error.message = str("(#100) Invalid parameter");
    error.details = details;
    return error;
}

MetaError MetaError::invalidAccessToken()
{
    MetaError error;
    error.httpStatus = 401;
    error.code = 190;
    error.message = str("Invalid OAuth access token - Cannot parse access token");
    return error;
}

MetaError MetaError::unknownObject(const QString &objectId, const QString &method)
{
    MetaError error;
    error.httpStatus = 400;
    error.code = 100;
    error.subcode = 33;
    error.type = str("GraphMethodException");
    error.message =
        QStringLiteral("Unsupported %1 request. Object with ID '%2' does not exist, cannot be loaded due "
                       "to missing permissions, or does not support this operation.")
            .arg(method, objectId);
    return error;
}

QJsonObject phoneNumberNode(const BusinessPhone &phone, const QString &verifiedName)
{
    const QString &digits = phone.displayPhoneNumber;
    const bool isNumber =
        !digits.isEmpty() && std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c.isDigit(); });
    return QJsonObject{{str("id"), phone.phoneNumberId},
                       {str("display_phone_number"), isNumber ? QLatin1Char('+') + digits : digits},
                       {str("verified_name"), verifiedName}};
}

QJsonObject metaErrorBody(const MetaError &error, const QString &fbtraceId)
{
    QJsonObject inner{{str("message"), error.message},
                      {str("type"), error.type},
                      {str("code"), error.code},
                      {str("fbtrace_id"), fbtraceId}};
    if (error.subcode != 0)
        inner.insert(str("error_subcode"), error.subcode);
    if (!error.details.isEmpty())
        inner.insert(str("error_data"), QJsonObject{{str("messaging_product"), str("whatsapp")},
                                                    {str("details"), error.details}});
    return QJsonObject{{str("error"), inner}};
}

SendRequestCheck parseSendRequest(const QByteArray &body)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        SendRequestCheck check;
        check.error = MetaError::invalidParameter(str("The request body is not a JSON object"));
        return check;
    }
    return parseSendRequest(document.object());
}

SendRequestCheck parseSendRequest(const QJsonObject &request)
{
    SendRequestCheck check;
    std::optional<MetaError> &error = check.error;
    OutboundMessage &message = check.message;
    message.request = request;

    const QJsonValue product = request.value(str("messaging_product"));
    if (product.isUndefined() || product.isNull()) {
        error = MetaError::missingParameter(str("messaging_product"));
        return check;
    }
    if (product.toString() != str("whatsapp")) {
        error = MetaError::invalidParameter(str("messaging_product must be 'whatsapp'"));
        return check;
    }
    const QJsonValue recipientType = request.value(str("recipient_type"));
    if (!recipientType.isUndefined() && recipientType.toString() != str("individual")) {
        error = MetaError::invalidParameter(str("recipient_type must be 'individual'"));
        return check;
    }
    message.input = requiredString(request, str("to"), str("to"), error);
    if (error)
        return check;
    message.to = metaPhoneDigits(message.input);
    if (message.to.isEmpty()) {
        error = MetaError::invalidParameter(str("to is not a valid phone number"));
        return check;
    }
    const QJsonValue context = request.value(str("context"));
    if (!context.isUndefined()) {
        message.contextMessageId = context.toObject().value(str("message_id")).toString();
        if (message.contextMessageId.isEmpty()) {
            error = MetaError::missingParameter(str("context['message_id']"));
            return check;
        }
    }

    const QJsonValue type = request.value(str("type"));
    message.type = type.isUndefined() ? str("text") : type.toString(); // Meta's default is text
    static const QStringList otherTypes = {str("location"), str("contacts"), str("reaction")};
    if (message.type == str("text")) {
        parseText(request, message, error);
    } else if (message.type == str("template")) {
        parseTemplate(request, message, error);
    } else if (message.type == str("interactive")) {
        parseInteractive(request, message, error);
    } else if (isMediaKind(message.type)) {
        error = parseOutboundMedia(request, message);
    } else if (otherTypes.contains(message.type)) {
        if (!request.value(message.type).isObject() && !request.value(message.type).isArray())
            error = MetaError::missingParameter(message.type);
    } else {
        error = MetaError::invalidParameter(QStringLiteral("type '") + message.type +
                                            QStringLiteral("' is not a supported message type"));
    }
    return check;
}

QJsonObject sendResponseBody(const OutboundMessage &message)
{
    const QJsonObject contact{{str("input"), message.input}, {str("wa_id"), message.to}};
    return QJsonObject{{str("messaging_product"), str("whatsapp")},
                       {str("contacts"), QJsonArray{contact}},
                       {str("messages"), QJsonArray{QJsonObject{{str("id"), message.waMessageId},
                                                                {str("message_status"), str("accepted")}}}}};
}

QString metaPhoneDigits(const QString &phone)
{
    QString digits;
    digits.reserve(phone.size());
    for (qsizetype i = 0; i < phone.size(); ++i) {
        const QChar c = phone.at(i);
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            digits.append(c);
        else if (c == QLatin1Char('+') && digits.isEmpty() && i == 0)
            continue;
        else if (c != QLatin1Char(' ') && c != QLatin1Char('-') && c != QLatin1Char('(') &&
                 c != QLatin1Char(')'))
            return {};
    }
    if (digits.size() < 5 || digits.size() > 15 || digits.startsWith(QLatin1Char('0')))
        return {};
    return digits;
}

} // namespace handover::sim
