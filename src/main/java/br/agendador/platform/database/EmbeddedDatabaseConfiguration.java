package br.agendador.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no {@code spring.datasource.url}, the app brings its own PostgreSQL so that
 * {@code ./mvnw spring-boot:run} works on a machine with nothing installed. The pool is
 * configured by the usual {@code spring.datasource.hikari.*} settings either way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) {
        return EmbeddedDatabase.start(properties);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, EmbeddedDatabase database) {
        properties.setUrl(database.jdbcUrl());
        properties.setUsername(database.username());
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    static class NoDataSourceUrl extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank()
                    ? ConditionOutcome.match("no spring.datasource.url: embedded PostgreSQL")
                    : ConditionOutcome.noMatch("spring.datasource.url is set");
        }
    }
}
