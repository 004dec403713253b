package io.github.dismagent.jmx;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenType;

/**
 * An MXBean whose MBeanInfo carries the descriptions, parameter names and impact given by
 * {@link Description}, {@link Name} and {@link Impact} on its interface, as JConsole and VisualVM
 * show them. An attribute may be given an open type of its own (the MXBean rules would spell the
 * items of a row {@code mountPath}; docs/reference.md spells them {@code MountPath}).
 */
final class DescribedMBean<T> extends StandardEmitterMBean {
    private final Class<T> type;
    private final Map<String, OpenType<?>> attributeTypes;

    DescribedMBean(T implementation, Class<T> type, NotificationEmitter emitter, Map<String, OpenType<?>> attributeTypes) {
        super(implementation, type, true, emitter);
        this.type = type;
        this.attributeTypes = attributeTypes;
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanInfo info = super.getMBeanInfo();
        if (attributeTypes.isEmpty()) {
            return info;
        }
        MBeanAttributeInfo[] attributes = Arrays.stream(info.getAttributes()).map(this::withOwnType).toArray(MBeanAttributeInfo[]::new);
        return new MBeanInfo(info.getClassName(), info.getDescription(), attributes, info.getConstructors(),
                info.getOperations(), info.getNotifications(), info.getDescriptor());
    }

    private MBeanAttributeInfo withOwnType(MBeanAttributeInfo attribute) {
        OpenType<?> own = attributeTypes.get(attribute.getName());
        if (own == null) {
            return attribute;
        }
        return new OpenMBeanAttributeInfoSupport(attribute.getName(), attribute.getDescription(), own,
                attribute.isReadable(), attribute.isWritable(), attribute.isIs());
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = type.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return accessor(info.getName()).map(m -> m.getAnnotation(Description.class)).map(Description::value)
                .orElseGet(() -> super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return operation(info).map(m -> m.getAnnotation(Description.class)).map(Description::value)
                .orElseGet(() -> super.getDescription(info));
    }

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return operation(info).map(m -> m.getAnnotation(Impact.class)).map(Impact::value).orElseGet(() -> super.getImpact(info));
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return operation(op).map(m -> m.getParameters()[sequence].getAnnotation(Name.class)).map(Name::value)
                .orElseGet(() -> super.getParameterName(op, param, sequence));
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return operation(op).map(m -> m.getParameters()[sequence].getAnnotation(Description.class)).map(Description::value)
                .orElseGet(() -> super.getDescription(op, param, sequence));
    }

    private Optional<Method> accessor(String attribute) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 0)
                .filter(m -> m.getName().equals("get" + attribute) || m.getName().equals("is" + attribute))
                .findFirst();
    }

    private Optional<Method> operation(MBeanOperationInfo info) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(info.getName()) && m.getParameterCount() == info.getSignature().length)
                .findFirst();
    }
}
