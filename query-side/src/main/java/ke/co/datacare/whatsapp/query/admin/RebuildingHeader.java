package ke.co.datacare.whatsapp.query.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Adds {@value #NAME} to answers of {@link ReadsProjection} endpoints whose processing group is replaying. */
@Configuration(proxyBeanMethods = false)
class RebuildingHeader implements WebMvcConfigurer, HandlerInterceptor {

    static final String NAME = "X-Projection-Rebuilding";

    private final ProjectionStatus status;

    RebuildingHeader(ProjectionStatus status) {
        this.status = status;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            ReadsProjection reads = method.getMethodAnnotation(ReadsProjection.class);
            if (reads == null) {
                reads = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadsProjection.class);
            }
            if (reads != null && status.isReplaying(reads.value())) {
                response.setHeader(NAME, reads.value());
            }
        }
        return true;
    }
}
