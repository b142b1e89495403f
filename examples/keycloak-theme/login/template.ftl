<#--
  Bandeau's Keycloak login theme overrides this one template and nothing
  else (see docs/integration.md, "Keycloak login theme").

  Keycloak's page templates (login.ftl, login-otp.ftl, …, inherited from
  keycloak.v2) call `registrationLayout` below and hand it their parts as
  sections: "header" (the page title), "show-username", "form", "info" and
  "socialProviders". They go, as Keycloak renders them, into
  <bandeau-login>: the form into its default slot, Keycloak's message into
  its "info" slot. The chrome around them (logo, product name, language
  picker, legal links, background) is the custom element's and uses none
  of Keycloak's CSS classes.

  No inline script, inline style or event handler, so a
  Content-Security-Policy without 'unsafe-inline' works. The one inline
  element, the import map Keycloak's WebAuthn modules need, carries the
  nonce Keycloak adds to its policy.
-->
<#-- The attempted user with a way to start over; keycloak.v2's page templates may call it. -->
<#macro username>
<div id="kc-username" class="${properties.kcFormGroupClass!}">
    <label for="kc-attempted-username" class="${properties.kcLabelClass!}"><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></label>
    <span class="${properties.kcInputClass!} ${properties.kcFormReadOnlyClass!}"><input id="kc-attempted-username" value="${auth.attemptedUsername}" readonly></span>
    <a id="reset-login" href="${url.loginRestartFlowUrl}">${msg("restartLoginTooltip")}</a>
</div>
</#macro>

<#-- A URL from theme.properties: absolute, root-relative, or a file in this theme's resources. -->
<#macro resource path><#if path?contains("://") || path?starts_with("/")>${path}<#else>${url.resourcesPath}/${path}</#if></#macro>

<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<#-- Keycloak's locale URLs are the page's URL with kc_locale=<tag>; the
     element takes one template with {lang}. It is derived from the first
     URL and checked against every other; should a Keycloak version build
     them differently, the element gets no template and Keycloak's own
     links are listed in the footer instead. -->
<#assign bandeauLanguages = "">
<#assign bandeauLocaleUrl = "">
<#assign bandeauLocaleUrlOk = false>
<#if realm.internationalizationEnabled && locale?? && locale.supported?size gt 1>
    <#assign bandeauFirst = locale.supported?first>
    <#assign bandeauLocaleUrl = bandeauFirst.url?replace("kc_locale=" + bandeauFirst.languageTag, "kc_locale={lang}")>
    <#assign bandeauLocaleUrlOk = bandeauLocaleUrl?contains("{lang}")>
    <#list locale.supported as l>
        <#assign bandeauLanguages = bandeauLanguages + l.languageTag>
        <#sep><#assign bandeauLanguages = bandeauLanguages + ","></#sep>
        <#if bandeauLocaleUrl?replace("{lang}", l.languageTag) != l.url>
            <#assign bandeauLocaleUrlOk = false>
        </#if>
    </#list>
</#if>
<!DOCTYPE html>
<html lang="${lang}">
<head>
    <meta charset="utf-8">
    <meta name="robots" content="noindex, nofollow">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light<#if darkMode!false> dark</#if>">
    <title>${msg("loginTitle", (realm.displayName!''))}</title>
    <link rel="icon" href="${url.resourcesPath}/img/favicon.ico">
    <#-- Keycloak's styles for its form (PatternFly 5 and keycloak.v2's
         styles.css), then this theme's PatternFly settings (theme.properties). -->
    <#if properties.stylesCommon?has_content>
        <#list properties.stylesCommon?split(' ') as style>
    <link href="${url.resourcesCommonPath}/${style}" rel="stylesheet">
        </#list>
    </#if>
    <#if properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
    <link href="${url.resourcesPath}/${style}" rel="stylesheet">
        </#list>
    </#if>
    <#-- Keycloak's WebAuthn and passkey modules import "rfc4648" by this name. -->
    <script type="importmap"<#if nonce??> nonce="${nonce.script}"</#if>>
        { "imports": { "rfc4648": "${url.resourcesCommonPath}/vendor/rfc4648/rfc4648.js" } }
    </script>
    <#if properties.scripts?has_content>
        <#list properties.scripts?split(' ') as script>
    <script src="${url.resourcesPath}/${script}" type="text/javascript"></script>
        </#list>
    </#if>
    <#if scripts??>
        <#list scripts as script>
    <script src="${script}" type="text/javascript"></script>
        </#list>
    </#if>
    <#-- What keycloak.v2's template.ftl does in inline scripts, read by js/bandeau-keycloak.js. -->
    <#if (darkMode!false) && properties.kcDarkModeClass?has_content>
    <meta name="bandeau-kc-dark-mode-class" content="${properties.kcDarkModeClass}">
    </#if>
    <#if url.ssoLoginInOtherTabsUrl??>
    <meta name="bandeau-kc-sso-login-in-other-tabs-url" content="${url.ssoLoginInOtherTabsUrl}">
    </#if>
    <#if authenticationSession??>
    <meta name="bandeau-kc-auth-session-id-hash" content="${authenticationSession.authSessionIdHash}">
    </#if>
    <script type="module" src="${url.resourcesPath}/js/passwordVisibility.js"></script>
    <script type="module" src="${url.resourcesPath}/js/bandeau-keycloak.js"></script>
    <#-- The chrome: the script-tag bundle, copied into this theme's resources. -->
    <script type="module" src="${url.resourcesPath}/bandeau/bandeau.js"></script>
</head>
<body<#if bodyClass?has_content> class="${bodyClass}"</#if>>
<bandeau-login
    product-name="${advancedMsg(realm.displayName!realm.name)}"
    lang="${lang}"
    theme="<#if properties.bandeauTheme?has_content>${properties.bandeauTheme}<#elseif darkMode!false>auto<#else>light</#if>"
<#if bandeauLanguages?has_content>
    languages="${bandeauLanguages}"
</#if>
<#if bandeauLocaleUrlOk>
    locale-url="${bandeauLocaleUrl}"
</#if>
<#if properties.bandeauSlogan?has_content>
    slogan="${advancedMsg(properties.bandeauSlogan)}"
</#if>
<#if properties.bandeauLogoUrl?has_content>
    logo-url="<@resource path=properties.bandeauLogoUrl/>"
</#if>
<#if properties.bandeauBackgroundUrl?has_content>
    background-url="<@resource path=properties.bandeauBackgroundUrl/>"
</#if>
<#if properties.bandeauBrand?has_content>
    brand="<@resource path=properties.bandeauBrand/>"
</#if>
<#if properties.bandeauImprintUrl?has_content>
    imprint-url="${properties.bandeauImprintUrl}"
</#if>
<#if properties.bandeauPrivacyUrl?has_content>
    privacy-url="${properties.bandeauPrivacyUrl}"
</#if>
<#if properties.bandeauDocsUrl?has_content>
    docs-url="${properties.bandeauDocsUrl}"
</#if>
<#if properties.bandeauSupportUrl?has_content>
    support-url="${properties.bandeauSupportUrl}"
</#if>
<#if properties.bandeauFeedbackUrl?has_content>
    feedback-url="${properties.bandeauFeedbackUrl}"
</#if>
>
    <#-- The default slot: Keycloak's page as its template renders it. The
         element's product name is the page's h1, so the page title is an h2. -->
    <div id="kc-content">
        <h2 id="kc-page-title"><#nested "header"></h2>
        <#if displayRequiredFields>
        <p id="kc-required-fields"><span class="${properties.kcInputRequiredClass!}">*</span> ${msg("requiredFields")}</p>
        </#if>
        <#if auth?has_content && auth.showUsername() && !auth.showResetCredentials()>
        <#nested "show-username">
        <@username/>
        </#if>
        <#nested "form">
        <#if auth?has_content && auth.showTryAnotherWayLink()>
        <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post" novalidate="novalidate">
            <input type="hidden" name="tryAnotherWay" value="on">
            <button type="submit" id="try-another-way" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcMarginTopClass!}">${msg("doTryAnotherWay")}</button>
        </form>
        </#if>
        <#if displayInfo>
        <div id="kc-info">
            <#nested "info">
        </div>
        </#if>
        <div id="kc-social-providers">
            <#nested "socialProviders">
        </div>
    </div>
    <#-- Keycloak's message (errors, warnings, notices), unless the page shows it at a field. -->
    <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
    <div slot="info" id="kc-message" class="${properties.kcAlertClass!} pf-m-${(message.type = 'error')?then('danger', message.type)}" role="${(message.type = 'error' || message.type = 'warning')?then('alert', 'status')}">
        <span class="${properties.kcAlertTitleClass!} kc-feedback-text">${kcSanitize(message.summary)?no_esc}</span>
    </div>
    </#if>
    <#if bandeauLanguages?has_content && !bandeauLocaleUrlOk>
    <nav slot="footer" id="kc-locale-links" aria-label="${msg("languages")}">
        <#list locale.supported as l>
        <a href="${l.url}" hreflang="${l.languageTag}" lang="${l.languageTag}">${l.label}</a>
        </#list>
    </nav>
    </#if>
</bandeau-login>
</body>
</html>
</#macro>
