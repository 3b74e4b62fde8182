package io.tailor.scoring.vector;

/**
 * Picks the fastest {@link DotKernel} this JVM can run: the Vector API kernel when the module
 * {@code jdk.incubator.vector} is in the boot layer ({@code --add-modules=jdk.incubator.vector}, listed in
 * {@code jvm.properties}) and the CPU runs 256-bit vectors, else the portable scalar kernel. Both give the
 * same bits, so the choice changes speed only.
 */
public final class DotKernels
{
    /** Name of the incubating module the fast kernel needs. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * System property that turns the Vector API kernel off ({@code -Dtailor.vectorApi=false}) though its
     * module is present: to compare the two kernels in the same JVM setup.
     */
    public static final String VECTOR_API_PROPERTY = "tailor.vectorApi";

    private static final String VECTOR_KERNEL_CLASS = "io.tailor.scoring.vector.VectorApiDotKernel";
    private static final DotKernel BEST = select(ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent() &&
        !"false".equals(System.getProperty(VECTOR_API_PROPERTY)));

    private DotKernels()
    {
    }

    /**
     * The kernel chosen once for this JVM.
     *
     * @return the Vector API kernel when it can run here, else {@link ScalarDotKernel#INSTANCE}.
     */
    public static DotKernel best()
    {
        return BEST;
    }

    /**
     * The Vector API kernel, whether or not it is the best one here: for tests and benchmarks.
     *
     * @return the kernel, or {@code null} when module {@value #VECTOR_MODULE} is not in the boot layer.
     */
    public static DotKernel vectorApi()
    {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent() ? loadVectorApiKernel(false) : null;
    }

    /**
     * The kernel to use given whether the Vector API module is present; never touches the module when it is
     * not, so a JVM without it loads no class that links against it.
     *
     * @param vectorModulePresent whether {@value #VECTOR_MODULE} is in the boot layer.
     * @return the chosen kernel.
     */
    static DotKernel select(final boolean vectorModulePresent)
    {
        final DotKernel vector = vectorModulePresent ? loadVectorApiKernel(true) : null;
        return vector != null ? vector : ScalarDotKernel.INSTANCE;
    }

    private static DotKernel loadVectorApiKernel(final boolean onlyIfSupported)
    {
        try
        {
            final Class<?> type = Class.forName(VECTOR_KERNEL_CLASS);
            if (onlyIfSupported && !(Boolean)type.getDeclaredMethod("supported").invoke(null))
            {
                return null;
            }
            return (DotKernel)type.getDeclaredConstructor().newInstance();
        }
        catch (final ReflectiveOperationException | LinkageError ex)
        {
            // The module is there but the kernel does not link or start (another JDK's incompatible incubator
            // API): the scalar kernel computes the same, only slower.
            return null;
        }
    }
}
