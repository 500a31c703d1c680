package br.agendador.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Puts the clock back to real time after each test, so no test inherits another's time. */
final class ResetTestClock implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        SpringExtension.getApplicationContext(context).getBeanProvider(TestClock.class).ifAvailable(TestClock::reset);
    }
}
