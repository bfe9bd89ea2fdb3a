/* This file is part of AME. The COPYRIGHT file at the top level of this
 * repository contains the full copyright notices and license terms.
 *
 * AME branding of the web client through sao's own customisation hook:
 * sao's index.html loads custom.js after dist/tryton-sao.js and before the
 * page starts, so Sao.config and the functions wrapped here are in place
 * before the login dialog opens. sao's own files are left untouched
 * (the Makefile copies this file next to them).
 */
(function() {
    'use strict';

    var PRODUCT = '装备制造业客户关系管理';
    var TITLE = PRODUCT + ' · AME';
    var TAGLINE = '机床机械 · 仪器仪表';
    var DEFAULT_LANGUAGE = 'zh_CN';
    // The languages sao 8.0 has a translation for (its locale folder).
    var SAO_LANGUAGES = [
        'bg', 'ca', 'cs', 'de', 'es', 'es_419', 'et', 'fa', 'fi', 'fr',
        'hu', 'id', 'it', 'lo', 'lt', 'nl', 'pl', 'pt', 'ro', 'ru', 'sl',
        'tr', 'uk', 'zh_CN'];

    Sao.config.title = TITLE;
    // The user guide is published next to the client (docs/ of the web
    // root, made by ame/userdocs.py), so that air-gapped installs have it
    // too; the Help dialog (F1) links to it.
    Sao.config.doc_url = 'docs/';
    // A discreet blue-grey industrial palette: steel blue, slate grey and a
    // safety amber for the third accent.
    Sao.config.icon_colors = ['#3b5873', '#56616d', '#c7862f'];
    Sao.config.calendar_colors = ['#fff', '#3b5873'];
    Sao.config.graph_color = '#3b5873';

    // The language of the login page: the first language of the browser
    // that sao is translated in, else Chinese. After login the user's
    // preference (zh_CN for AME users) applies, as always in sao.
    Sao.i18n.browser_language = function() {
        var languages = navigator.languages || [navigator.language];
        for (var i = 0; i < languages.length; i++) {
            var lang = (languages[i] || '').replace('-', '_');
            var candidates = [lang, lang.split('_')[0]];
            for (var j = 0; j < candidates.length; j++) {
                if (~SAO_LANGUAGES.indexOf(candidates[j])) {
                    return candidates[j];
                }
            }
        }
        return DEFAULT_LANGUAGE;
    };
    var setlang = Sao.i18n.setlang;
    Sao.i18n.setlang = function(lang) {
        return setlang.call(this, lang || Sao.i18n.browser_language());
    };
    // sao sends getlang() to the server as the language of the login
    // (the password prompt, the reset-password mail), but its gettext.js
    // keeps the locale in BCP 47 form ("zh-CN") where Tryton knows
    // "zh_CN": the server then answered in English. sao's other callers
    // convert getlang() with Sao.i18n.BC47, so the POSIX form suits all.
    var getlang = Sao.i18n.getlang;
    Sao.i18n.getlang = function() {
        var lang = getlang.apply(this, arguments);
        return lang ? lang.replace('-', '_') : lang;
    };

    // sao titles its preferences dialog with the plain string
    // 'Preferences' (window.js, not marked for translation): dialog titles
    // go through the translation (config/sao/locale has 'Preferences');
    // the ones sao translated already are left as they are.
    var add_title = Sao.Dialog.prototype.add_title;
    Sao.Dialog.prototype.add_title = function(title) {
        var args = Array.prototype.slice.call(arguments);
        if (typeof title === 'string') {
            args[0] = Sao.i18n.gettext(title);
        }
        return add_title.apply(this, args);
    };

    // The product name above the login form.
    var login_dialog = Sao.Session.login_dialog;
    Sao.Session.login_dialog = function() {
        var dialog = login_dialog.apply(this, arguments);
        dialog.modal.addClass('ame-login');
        jQuery('<div/>', {
            'class': 'ame-login-brand',
        }).append(jQuery('<div/>', {
            'class': 'ame-login-logo',
            'aria-hidden': true,
        }).text('AME'))
            .append(jQuery('<div/>', {
                'class': 'ame-login-product',
            }).text(PRODUCT))
            .append(jQuery('<div/>', {
                'class': 'ame-login-tagline',
            }).text(TAGLINE))
            .prependTo(dialog.body);
        return dialog;
    };

    // On a phone a form opens at its top: sao focuses the form's first
    // field (or the field its view names) and the browser scrolls the form
    // down to it, even with preventScroll. A phone has no keyboard to type
    // in that field at once (its on-screen keyboard would cover the form),
    // so there the form is shown without focusing a field.
    var PHONE = window.matchMedia('(max-width: 767px)');
    var set_cursor = Sao.View.Form.prototype.set_cursor;
    Sao.View.Form.prototype.set_cursor = function() {
        if (!PHONE.matches) {
            return set_cursor.apply(this, arguments);
        }
        var focus = HTMLElement.prototype.focus;
        HTMLElement.prototype.focus = function() {};
        try {
            return set_cursor.apply(this, arguments);
        } finally {
            HTMLElement.prototype.focus = focus;
        }
    };

    // sao counts the user's notifications at login and then only when
    // Tryton's bus tells it of a new one; AME does not require the bus (a
    // server option). A wizard may have changed them (deciding in
    // 我的待审批 closes the approver's notification): count them again when
    // it ends, so that the bell follows without a reload.
    var wizard_end = Sao.Wizard.prototype.end;
    Sao.Wizard.prototype.end = function() {
        return wizard_end.apply(this, arguments).always(function() {
            if (!Sao.Bus.listening) {
                Sao.NotificationMenu.count();
            }
        });
    };

    // The page title before sao sets it (and for the no-script case).
    document.title = TITLE;
}());
