<#-- Stand-in for keycloak.v2's login-otp.ftl (tests only, see ../../README.md),
     for a person with one OTP device: the call into template.ftl as
     Keycloak 26 makes it, and the form's markup as Keycloak 26 renders it
     (field.ftl and buttons.ftl inlined). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
<#if section = "header">
    ${msg("doLogIn")}
<#elseif section = "form">
    <form id="kc-otp-login-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <input id="selectedCredentialId" type="hidden" name="selectedCredentialId" value="${otpLogin.selectedCredentialId!''}">
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcFormGroupLabelClass!}">
                <label for="otp" class="${properties.kcFormGroupLabelClass!}"><span class="${properties.kcFormGroupLabelTextClass!}">${msg("loginOtpOneTime")}</span></label>
            </div>
            <span class="${properties.kcInputClass!}<#if messagesPerField.existsError('totp')> ${properties.kcError!}</#if>">
                <input id="otp" name="otp" value="" type="text" autocomplete="one-time-code" inputmode="numeric" autofocus aria-invalid="<#if messagesPerField.existsError('totp')>true</#if>"<#if messagesPerField.existsError('totp')> aria-describedby="input-error-otp-code"</#if>>
            </span>
            <div id="input-error-container-otp">
                <#if messagesPerField.existsError('totp')>
                <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                    <div class="${properties.kcInputHelperTextClass!}">
                        <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-otp-code">
                            <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('totp'))?no_esc}</span>
                        </div>
                    </div>
                </div>
                </#if>
            </div>
        </div>
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcFormActionGroupClass!}">
                <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="login" id="kc-login" type="submit">${msg("doLogIn")}</button>
            </div>
        </div>
    </form>
</#if>
</@layout.registrationLayout>
