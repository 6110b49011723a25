#include "server/routes/templateroutes.h"

#include "core/json/apicodec.h"
#include "core/rules/messagesend.h"
#include "core/store/server/templates.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

// WhatsApp's own limits where it has them (body 1024, header and footer 60, button text 25, 10 buttons).
constexpr int kMaxTemplateNameLength = 512;
constexpr int kMaxLanguageLength = 16;
constexpr int kMaxCategoryLength = 32;
constexpr int kMaxBodyLength = 1024;
constexpr int kMaxHeaderLength = 60;
constexpr int kMaxFooterLength = 60;
constexpr int kMaxButtons = 10;
constexpr int kMaxButtonTextLength = 25;
constexpr int kMaxUrlLength = 2000;
constexpr int kMaxParams = 50;
constexpr int kMaxTagLength = 64;
constexpr int kMaxTemplateSourceLength = 64;

// A tag as placeholderTags() finds it between {{ and }}.
bool isTag(const QString &tag)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.]+$"));
    return pattern.match(tag).hasMatch();
}

bool isWebUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

QList<TemplateButton> readButtons(JsonReader &r)
{
    QList<TemplateButton> buttons;
    const auto list = r.optionalObjectArray("buttons", kMaxButtons);
    if (!list)
        return buttons;
    for (JsonReader b : *list) {
        TemplateButton button;
        button.type = b.requiredEnum("type", buttonTypeFromName, ButtonType::QuickReply);
        button.text = b.requiredString("text", kMaxButtonTextLength, {.trim = true});
        const QString url = b.optionalString("url", kMaxUrlLength, {.trim = true}).value_or(QString());
        if (button.type == ButtonType::Url) {
            if (url.isEmpty())
                b.fail(ErrorCode::ValidationFailed, "url", b.pathOf("url") + QStringLiteral(" is required."));
            else if (!isWebUrl(url))
                b.fail(ErrorCode::ValidationFailed, "url",
                       b.pathOf("url") + QStringLiteral(" must be an http or https URL."));
            button.url = url;
        } else if (!url.isEmpty()) {
            b.fail(ErrorCode::ValidationFailed, "url",
                   b.pathOf("url") + QStringLiteral(" is only for URL buttons."));
        }
        buttons.append(button);
    }
    return buttons;
}

QList<TemplateParam> readParams(JsonReader &r)
{
    QList<TemplateParam> params;
    const auto list = r.optionalObjectArray("params", kMaxParams);
    if (!list)
        return params;
    QStringList seen;
    for (JsonReader p : *list) {
        TemplateParam param;
        param.tag = p.requiredString("tag", kMaxTagLength, {.trim = true});
        if (!param.tag.isEmpty() && !isTag(param.tag)) {
            p.fail(ErrorCode::ValidationFailed, "tag",
                   p.pathOf("tag") + QStringLiteral(" may only contain letters, digits, '_' and '.'."));
        } else if (!param.tag.isEmpty() && seen.contains(param.tag)) {
            p.fail(ErrorCode::ValidationFailed, "tag",
                   p.pathOf("tag") + QStringLiteral(" repeats an earlier tag."));
        }
        seen.append(param.tag);
        param.type = p.requiredEnum("type", paramTypeFromName, ParamType::UserFill);
        const QString source =
            p.optionalString("source", kMaxTemplateSourceLength, {.trim = true}).value_or(QString());
        if (param.type == ParamType::AutoFill) {
            if (source.isEmpty())
                p.fail(ErrorCode::ValidationFailed, "source",
                       p.pathOf("source") + QStringLiteral(" is required for AUTO_FILL."));
            else if (!autoFillSources().contains(source))
                p.fail(ErrorCode::ValidationFailed, "source",
                       p.pathOf("source") + QStringLiteral(" must be one of ") +
                           autoFillSources().join(QStringLiteral(", ")) + u'.');
            param.source = source;
        } else if (!source.isEmpty()) {
            p.fail(ErrorCode::ValidationFailed, "source",
                   p.pathOf("source") + QStringLiteral(" is only for AUTO_FILL parameters."));
        }
        params.append(param);
    }
    return params;
}

// Every {{tag}} of the body has a parameter, and every parameter a {{tag}} in the body.
void checkTagsMatch(JsonReader &r, const MessageTemplate &t)
{
    QStringList used =
        placeholderTags(t.header) + placeholderTags(t.body); // Meta allows a text header parameter
    used.removeDuplicates();
    QStringList declared;
    for (const TemplateParam &param : t.params)
        declared.append(param.tag);
    QStringList undeclared;
    for (const QString &tag : used) {
        if (!declared.contains(tag))
            undeclared.append(tag);
    }
    QStringList unused;
    for (const QString &tag : std::as_const(declared)) {
        if (!used.contains(tag))
            unused.append(tag);
    }
    QStringList problems;
    if (!undeclared.isEmpty())
        problems.append(
            QStringLiteral("the text's {{%1}} has no entry").arg(undeclared.join(QStringLiteral("}}, {{"))));
    if (!unused.isEmpty())
        problems.append(QStringLiteral("%1 is not used in the header or the body")
                            .arg(unused.join(QStringLiteral(", "))));
    if (placeholderTags(t.header).size() > 1)
        r.fail(ErrorCode::ValidationFailed, "header", QStringLiteral("A header has at most one parameter."));
    if (!problems.isEmpty()) {
        r.fail(ErrorCode::ValidationFailed, "params",
               QStringLiteral("params must match the body's {{tags}}: ") +
                   problems.join(QStringLiteral("; ")) + u'.');
    }
}

void createTemplateRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    MessageTemplate t;
    t.remoteTemplateId = r.requiredString("remote_template_id", kMaxIdLength, {.trim = true});
    t.name = r.requiredString("name", kMaxTemplateNameLength, {.trim = true});
    t.language = r.optionalString("language", kMaxLanguageLength, {.trim = true}).value_or(t.language);
    t.category = r.optionalString("category", kMaxCategoryLength, {.trim = true}).value_or(t.category);
    t.status = r.optionalEnum("status", templateStatusFromName).value_or(TemplateStatus::Approved);
    t.enabled = r.optionalBool("enabled").value_or(true);
    t.visible = r.optionalBool("visible").value_or(true);
    t.body = r.requiredString("body", kMaxBodyLength, {.trim = true});
    t.header = r.optionalString("header", kMaxHeaderLength).value_or(QString());
    t.headerFormat = r.optionalString("header_format", 16, {.trim = true}).value_or(QStringLiteral("TEXT"));
    if (!QStringList{QStringLiteral("TEXT"), QStringLiteral("IMAGE"), QStringLiteral("DOCUMENT"),
                     QStringLiteral("VIDEO")}
             .contains(t.headerFormat)) {
        r.fail(ErrorCode::ValidationFailed, "header_format",
               QStringLiteral("header_format must be TEXT, IMAGE, DOCUMENT or VIDEO."));
    } else if (t.hasMediaHeader() && !t.header.isEmpty()) {
        r.fail(ErrorCode::ValidationFailed, "header", QStringLiteral("A media header has no text."));
    }
    t.footer = r.optionalString("footer", kMaxFooterLength).value_or(QString());
    t.buttons = readButtons(r);
    t.params = readParams(r);
    if (r.ok())
        checkTagsMatch(r, t);
    t.parameterFormat =
        r.optionalEnum("parameter_format", parameterFormatFromName).value_or(ParameterFormat::Positional);
    if (r.ok() && t.parameterFormat == ParameterFormat::Named) {
        for (const TemplateParam &param : std::as_const(t.params)) {
            if (!isMetaParameterName(param.tag)) {
                r.fail(ErrorCode::ValidationFailed, "parameter_format",
                       QStringLiteral("A NAMED template's placeholders are lower-case letters, digits and "
                                      "underscores; %1 is not.")
                           .arg(param.tag));
                break;
            }
        }
    }
    if (t.language.isEmpty())
        r.fail(ErrorCode::ValidationFailed, "language", QStringLiteral("language must not be empty."));
    if (t.category.isEmpty())
        r.fail(ErrorCode::ValidationFailed, "category", QStringLiteral("category must not be empty."));
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    t.id = ctx.ids.newId();
    t.orgId = request.caller().orgId;
    const Clock &clock = ctx.clock;
    ctx.commands.run(
        [t, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto inserted = ss::insertTemplate(db, t, clock.now()); !inserted)
                return inserted.error();
            return answer(201, templateToJson(t), t.orgId);
        },
        reply);
}

void listTemplatesRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    const Principal &caller = request.caller();
    bool visibleOnly = false;
    if (!queryBool(request, reply, QStringLiteral("visible_only"), false, &visibleOnly))
        return;
    if (caller.role == Role::Member)
        visibleOnly = true; // R17: agents' pickers never show hidden templates
    auto templates = ss::listTemplates(ctx.readDb, caller.orgId, visibleOnly);
    if (replyIfError(templates, reply))
        return;
    QJsonArray rows;
    for (const MessageTemplate &t : std::as_const(*templates))
        rows.append(templateToJson(t));
    reply.json(200, QJsonObject{{QStringLiteral("templates"), rows}});
}

} // namespace

void addTemplateRoutes(Router &router, RouteContext &ctx)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/templates"), Access::roles_({Role::Admin}),
               bind(createTemplateRoute));
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/templates"), Access::anyRole(),
               bind(listTemplatesRoute));
}

} // namespace handover
