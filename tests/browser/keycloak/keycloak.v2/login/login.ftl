<#-- Stand-in for keycloak.v2's login.ftl (tests only, see ../../README.md):
     the call into template.ftl as Keycloak 26 makes it, and the form's
     markup as Keycloak 26's login.ftl, field.ftl and buttons.ftl render it
     (ids, names, autocomplete, the action, PatternFly 5's structure and
     classes, the error shown at the username field and then not as the
     page's message), so that PatternFly 5's CSS draws it as in Keycloak. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password') displayInfo=realm.password && realm.registrationAllowed; section>
<#if section = "header">
    ${msg("loginAccountTitle")}
<#elseif section = "form">
    <div id="kc-form">
      <div id="kc-form-wrapper">
        <form id="kc-form-login" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="username" class="${properties.kcFormGroupLabelClass!}"><span class="${properties.kcFormGroupLabelTextClass!}"><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></span></label>
                </div>
                <span class="${properties.kcInputClass!}<#if messagesPerField.existsError('username','password')> ${properties.kcError!}</#if>">
                    <input id="username" name="username" value="${login.username!''}" type="text" autocomplete="username" autofocus aria-invalid="<#if messagesPerField.existsError('username','password')>true</#if>"<#if messagesPerField.existsError('username','password')> aria-describedby="input-error-username"</#if>>
                    <#if messagesPerField.existsError('username','password')>
                    <span class="${properties.kcFormControlUtilClass!}"><span class="${properties.kcInputErrorIconStatusClass!}"><i class="${properties.kcInputErrorIconClass!}" aria-hidden="true"></i></span></span>
                    </#if>
                </span>
                <div id="input-error-container-username">
                    <#if messagesPerField.existsError('username','password')>
                    <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                        <div class="${properties.kcInputHelperTextClass!}">
                            <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-username">
                                <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.getFirstError('username','password'))?no_esc}</span>
                            </div>
                        </div>
                    </div>
                    </#if>
                </div>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="password" class="${properties.kcFormGroupLabelClass!}"><span class="${properties.kcFormGroupLabelTextClass!}">${msg("password")}</span></label>
                </div>
                <div class="${properties.kcInputGroup!}">
                    <div class="${properties.kcInputGroupItemClass!} ${properties.kcFill!}">
                        <span class="${properties.kcInputClass!}">
                            <input id="password" name="password" value="" type="password" autocomplete="current-password" aria-invalid="">
                        </span>
                    </div>
                    <div class="${properties.kcInputGroupItemClass!}">
                        <button class="${properties.kcFormPasswordVisibilityButtonClass!}" type="button" aria-label="${msg("showPassword")}" aria-controls="password" data-password-toggle data-label-show="${msg("showPassword")}" data-label-hide="${msg("hidePassword")}"><svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M12 5C6.5 5 2.7 9.5 1.5 12c1.2 2.5 5 7 10.5 7s9.3-4.5 10.5-7C21.3 9.5 17.5 5 12 5zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8z"/></svg></button>
                    </div>
                </div>
                <#if realm.resetPasswordAllowed>
                <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                    <div class="${properties.kcInputHelperTextClass!}">
                        <div class="${properties.kcInputHelperTextItemClass!}">
                            <span class="${properties.kcInputHelperTextItemTextClass!}"><a id="kc-forgot-password" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></span>
                        </div>
                    </div>
                </div>
                </#if>
                <#if realm.rememberMe>
                <div class="${properties.kcCheckboxClass!}">
                    <label for="rememberMe" class="${properties.kcCheckboxClass!}">
                        <input class="${properties.kcCheckboxInputClass!}" type="checkbox" id="rememberMe" name="rememberMe"<#if login.rememberMe??> checked</#if>>
                        <span class="${properties.kcCheckboxLabelClass!}">${msg("rememberMe")}</span>
                    </label>
                </div>
                </#if>
            </div>
            <input type="hidden" id="id-hidden-input" name="credentialId"<#if auth.selectedCredential?has_content> value="${auth.selectedCredential}"</#if>>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!}">
                    <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="login" id="kc-login" type="submit">${msg("doLogIn")}</button>
                </div>
            </div>
        </form>
      </div>
    </div>
<#elseif section = "info">
    <div id="kc-registration"><span>${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></span></div>
</#if>
</@layout.registrationLayout>
