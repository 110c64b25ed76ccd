package com.goafwatch.i18n;

import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Serves the message catalogue to the page, so the page and the report say the same words. */
@Tag(name = "Session")
@RestController
class MessagesController {

    @Operation(summary = "The message catalogue of a language (en, zh): key → text, the same words the reports use")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping("/api/v1/messages")
    ResponseEntity<Map<String, String>> messages(@RequestParam(defaultValue = "en") String lang) {
        if (!MessageCatalogue.LANGUAGES.contains(lang)) {
            throw ApiException.badRequest("invalid-language", "lang must be one of " + MessageCatalogue.LANGUAGES + ", got '" + lang + "'");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(MessageCatalogue.shared().all(lang));
    }

    /** The application's MessageSource is the catalogue's, so Spring and the report read the same files the same way. */
    @Configuration(proxyBeanMethods = false)
    static class Source {

        @Bean
        MessageSource messageSource() {
            return MessageCatalogue.shared().source();
        }
    }
}
