; Consensus under receive omission: 3 processes, 1 faulty (messages to it may be dropped), 1 round(s). Agreement and validity among correct processes: what a faulty receiver misses harms only itself, so FloodSet works in F+1 rounds.
(set-info :processes 3)
(set-info :faulty 1)
(set-info :faults receive-omission)
(set-info :losses 0)
(set-info :rounds 1)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 2)
(set-info :round-aware false)
(set-info :expect realizable)

(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))
(assert agreement)
(assert validity)
