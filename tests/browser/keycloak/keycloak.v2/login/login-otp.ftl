<#-- Stand-in for keycloak.v2's login-otp.ftl (tests only, see ../../README.md),
     for a person with one OTP device: the call into template.ftl as
     Keycloak 26 makes it, and the form's markup contract. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
<#if section = "header">
    ${msg("doLogIn")}
<#elseif section = "form">
    <form id="kc-otp-login-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <input id="selectedCredentialId" type="hidden" name="selectedCredentialId" value="${otpLogin.selectedCredentialId!''}">
        <div class="${properties.kcFormGroupClass!}">
            <label for="otp" class="${properties.kcLabelClass!}">${msg("loginOtpOneTime")}</label>
            <input id="otp" name="otp" class="${properties.kcInputClass!}" type="text" autocomplete="one-time-code" inputmode="numeric" autofocus aria-invalid="<#if messagesPerField.existsError('totp')>true</#if>"<#if messagesPerField.existsError('totp')> aria-describedby="input-error-otp-code"</#if>>
            <#if messagesPerField.existsError('totp')>
            <span id="input-error-otp-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('totp'))?no_esc}</span>
            </#if>
        </div>
        <button type="submit" id="kc-login" name="login" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("doLogIn")}</button>
    </form>
</#if>
</@layout.registrationLayout>
