<#-- Stand-in for keycloak.v2's login.ftl (tests only, see ../../README.md):
     the call into template.ftl as Keycloak 26 makes it, and the form's
     markup contract: ids, names, autocomplete, the action, the error shown
     at the username field (then not as the page's message). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password') displayInfo=realm.password && realm.registrationAllowed; section>
<#if section = "header">
    ${msg("loginAccountTitle")}
<#elseif section = "form">
    <div id="kc-form">
        <form id="kc-form-login" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <div class="${properties.kcFormGroupClass!}">
                <label for="username" class="${properties.kcLabelClass!}"><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></label>
                <input id="username" name="username" class="${properties.kcInputClass!}" value="${login.username!''}" type="text" autocomplete="username" autofocus aria-invalid="<#if messagesPerField.existsError('username','password')>true</#if>"<#if messagesPerField.existsError('username','password')> aria-describedby="input-error-username"</#if>>
                <#if messagesPerField.existsError('username','password')>
                <span id="input-error-username" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.getFirstError('username','password'))?no_esc}</span>
                </#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <label for="password" class="${properties.kcLabelClass!}">${msg("password")}</label>
                <span class="kc-password">
                    <input id="password" name="password" class="${properties.kcInputClass!}" type="password" autocomplete="current-password" aria-invalid="<#if messagesPerField.existsError('username','password')>true</#if>">
                    <button type="button" id="password-show-password" class="${properties.kcFormPasswordVisibilityButtonClass!}" aria-label="${msg("showPassword")}" aria-controls="password" data-password-toggle data-label-show="${msg("showPassword")}" data-label-hide="${msg("hidePassword")}"><svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M12 5C6.5 5 2.7 9.5 1.5 12c1.2 2.5 5 7 10.5 7s9.3-4.5 10.5-7C21.3 9.5 17.5 5 12 5zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8z"/></svg></button>
                </span>
                <#if realm.resetPasswordAllowed>
                <a id="kc-forgot-password" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a>
                </#if>
            </div>
            <#if realm.rememberMe>
            <div class="${properties.kcCheckboxClass!}">
                <label for="rememberMe"><input id="rememberMe" name="rememberMe" type="checkbox"<#if login.rememberMe??> checked</#if>> ${msg("rememberMe")}</label>
            </div>
            </#if>
            <input type="hidden" id="id-hidden-input" name="credentialId"<#if auth.selectedCredential?has_content> value="${auth.selectedCredential}"</#if>>
            <button type="submit" id="kc-login" name="login" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("doLogIn")}</button>
        </form>
    </div>
<#elseif section = "info">
    <div id="kc-registration"><span>${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></span></div>
</#if>
</@layout.registrationLayout>
