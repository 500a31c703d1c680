package br.agendador.platform.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link AuthenticatedUser} parameters from a JWT or from a session principal. */
final class AuthenticatedUserResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        return current(SecurityContextHolder.getContext().getAuthentication());
    }

    static AuthenticatedUser current(@Nullable Authentication authentication) {
        if (authentication == null) {
            throw new InsufficientAuthenticationException("Authentication is required");
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            List<String> roles = jwt.getClaimAsStringList(Claims.ROLES);
            return new AuthenticatedUser(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString(Claims.EMAIL),
                    roles != null && roles.contains("ADMIN"));
        }
        if (authentication.getPrincipal() instanceof UserPrincipal principal) {
            return principal.user();
        }
        throw new InsufficientAuthenticationException("Authentication is required");
    }
}
