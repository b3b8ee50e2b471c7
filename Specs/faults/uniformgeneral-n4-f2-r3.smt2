; Uniform consensus under general omission: 4 processes, 2 faulty (any message they send or receive may be dropped), 3 rounds. Every process that decides, faulty ones included, agrees, and decides the common input when there is one. Impossible for every n in this model, not only when n <= 2F: every process must decide at round R, and a faulty process whose messages are all dropped both ways decides on its own input alone (see Results/faults.md).
(set-info :processes 4)
(set-info :faulty 2)
(set-info :faults general-omission)
(set-info :losses 0)
(set-info :rounds 3)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 2)
(set-info :round-aware false)
(set-info :expect unrealizable)

(define-fun uniform-agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (decided i) (decided j)) (= (decision i) (decision j)))))
(define-fun uniform-validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))
(assert uniform-agreement)
(assert uniform-validity)
