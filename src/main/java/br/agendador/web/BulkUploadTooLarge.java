package br.agendador.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * An upload bigger than the servlet container accepts fails before any controller is chosen, so
 * only an advice for every handler sees it. The bulk page then says the file is too large
 * (never a 500); API requests keep the default 413.
 */
@ControllerAdvice
class BulkUploadTooLarge {

    private final MessageSource messages;

    BulkUploadTooLarge(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(MaxUploadSizeExceededException exception, HttpServletRequest request)
            throws MaxUploadSizeExceededException {
        if (request.getRequestURI().startsWith("/api/")) {
            throw exception;
        }
        if (request.getHeader("HX-Request") != null) {
            ModelAndView fragment = new ModelAndView(BulkImportController.RESULT_FRAGMENT);
            fragment.addObject("problem", messages.getMessage("bulk.problem.tooLargeUpload", null,
                    LocaleContextHolder.getLocale()));
            return fragment;
        }
        return new ModelAndView("redirect:" + BulkImportController.PATH + "?" + BulkImportController.TOO_LARGE);
    }
}
